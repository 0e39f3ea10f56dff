import { useState } from 'react';
import type { AccountState } from '../../../main/contract/account';
import type { FollowMode } from '../../../main/contract/names-and-limits';
import { followChangeWords, followRecordHeading, linkedActionsWords, SECTION_NAMES } from '../../../main/contract/words';
import { CodeParts } from '../shared/CodeParts';
import { inPageWords } from '../page/page-words';
import { GoneLinks } from './GoneLinks';
import { formatDateTime } from '../shared/format';
import { setFollowMode } from './account-actions';
import { ErrorLine } from '../shared/ErrorLine';

/** Whether linked actions follow a new public URL by themselves, and what was changed so far. */
export function AccountFollow({ account }: { account: AccountState }) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section aria-label={SECTION_NAMES.follow}>
      <h3>{SECTION_NAMES.followHeading}</h3>
      <label className="inline-field">
        When the public URL changes
        <select
          aria-label="Follow mode"
          value={account.followMode}
          onChange={(e) => void setFollowMode(e.target.value as FollowMode).then(setMessage)}
        >
          <option value="auto">update linked actions in Flowent</option>
          <option value="ask">ask me first</option>
        </select>
      </label>
      <p className="muted">{linkedActionsWords(account.links, '"Register here" in Actions')}</p>
      <GoneLinks account={account} />
      <ErrorLine message={message} label="Follow mode error" />
      {account.followHistory.length > 0 && (
        <ol className="follow-history" aria-label="Follow history">
          {account.followHistory.map((record) => (
            <li key={record.at}>
              <div>
                <CodeParts parts={followRecordHeading(record, formatDateTime)} />
              </div>
              <ul>
                {record.changes.map((c) => (
                  <li key={`${c.profile}/${c.action}`} className={`follow-${c.outcome}`}>
                    {followChangeWords(c, c.failure ? inPageWords(c.failure) : null)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
