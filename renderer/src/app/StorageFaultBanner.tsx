import { useState } from 'react';
import { storageFaultEndedWords, storageFaultWords, BANNER_NAMES } from '../../../main/contract/words';
import { useMetaStore } from '../page/stores';
import { formatDateAndTime } from '../shared/format';

/**
 * Says, for as long as it lasts, that Flowent's calls cannot be stored (a full disk): each is
 * answered 503 and missing from the list, which would otherwise look like a quiet Flowent. It
 * cannot be dismissed while it lasts; once calls are stored again it says so, with how many were
 * refused meanwhile, until dismissed. Screen readers hear it once, as it starts (and again if its
 * cause changes): the count, which changes about once a second while calls are refused, is
 * outside the part read out, or it would be read out again at each change.
 */
export function StorageFaultBanner() {
  const status = useMetaStore((s) => s.status);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const fault = status?.storageFault ?? null;
  if (!status || !fault) return null;
  if (fault.endedAt === null) {
    const { what, refused, todo } = storageFaultWords(fault, status.dataDir, formatDateAndTime);
    return (
      <div className="banner banner-error" role="group" aria-label={BANNER_NAMES.notStored}>
        <span>
          {/* Made anew for another cause: read out again, as a new fault would be. */}
          <span role="alert" key={`${fault.since} ${fault.code}`}>
            <strong>{what}</strong> {todo}
          </span>{' '}
          <span data-testid="storage-fault-refused">{refused}</span>
        </span>
      </div>
    );
  }
  if (dismissed === fault.since) return null;
  return (
    <div className="banner banner-warn" role="status" aria-label={BANNER_NAMES.storedAgain}>
      <span>{storageFaultEndedWords(fault, formatDateAndTime)}</span>
      <button type="button" aria-label={BANNER_NAMES.dismissStoredAgain} onClick={() => setDismissed(fault.since)}>
        ×
      </button>
    </div>
  );
}
