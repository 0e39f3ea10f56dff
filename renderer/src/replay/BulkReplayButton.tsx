import { useReplayStore } from './replay-store';
import { openReplayDialog } from './replay-ui-actions';
import { useCallsStore } from '../history/calls-store';
import { withReplayKey } from './replay-keys';
import { BULK_REPLAY_TITLE, runningButtonWords } from '../../../main/contract/words';

/** "Bulk replay…": the bulk replay of the list's current filter (the `r` key too); shows a run's progress while its dialog is closed. */
export function BulkReplayButton() {
  const loaded = useCallsStore((s) => s.loaded);
  const empty = useCallsStore((s) => s.calls.length === 0);
  const running = useReplayStore((s) => (s.bulk && !s.bulk.summary ? s.bulk.counts : null));
  return (
    <button
      type="button"
      disabled={loaded && empty && !running}
      onClick={() => openReplayDialog('bulk')}
      title={withReplayKey(BULK_REPLAY_TITLE, 'bulk-replay')}
    >
      {running ? runningButtonWords(running.done, running.total) : 'Bulk replay…'}
    </button>
  );
}
