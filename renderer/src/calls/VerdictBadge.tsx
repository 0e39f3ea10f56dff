import type { CallSource, Verdict } from '../../../main/contract/api';
import { SOURCE_LABEL, SOURCE_SENTENCE, VERDICT_LABEL } from '../shared/format';

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

/** Marks a call that is not Flowent's traffic: a replay, a simulated or an imported call. */
export function SourceTag({ source }: { source: Exclude<CallSource, 'flowent'> }) {
  return (
    <span className={`badge source-tag source-${source}`} data-testid="source-tag" data-source={source} title={SOURCE_SENTENCE[source]}>
      {SOURCE_LABEL[source]}
    </span>
  );
}
