import type { Verdict } from '../../../main/contract/api';
import { VERDICT_LABEL } from '../shared/format';

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span className={`badge verdict-${verdict}`} data-verdict={verdict}>
      {VERDICT_LABEL[verdict]}
    </span>
  );
}

export function TestTag() {
  return (
    <span className="badge test-tag" title="Flowent's registration check">
      TEST
    </span>
  );
}
