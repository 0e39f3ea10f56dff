import type { CallDetail } from '../../../main/contract/api';
import { WHAT_TO_DO_LEAD } from '../../../main/contract/words';
import { Prose } from '../shared/Prose';
import { summarize } from './verdict-summary';

/** The first thing a call's details say: the verdict, its cause, and what to do about it. */
export function VerdictLine({ call }: { call: CallDetail }) {
  const { tone, headline, detail, hint } = summarize(call);
  return (
    <div className={`verdict-line tone-${tone}`} role="group" aria-label="Verdict" data-testid="verdict-line">
      <strong>{headline}</strong>
      {detail && (
        <span className="verdict-detail" data-testid="verdict-detail">
          {' '}
          <Prose text={detail} />
        </span>
      )}
      {hint && (
        <span className="verdict-hint" data-testid="verdict-hint">
          {' '}
          <span className="what-to-do">{WHAT_TO_DO_LEAD}</span> <Prose text={hint} />
        </span>
      )}
    </div>
  );
}
