import { useReplayStore } from './replay-store';
import { openReplayDialog } from './replay-ui-actions';
import { useCallsStore } from '../history/calls-store';

/** "Bulk replay…": the bulk replay of the list's current filter (Ctrl/Cmd+Shift+B); shows a run's progress while its dialog is closed. */
export function BulkReplayButton() {
  const loaded = useCallsStore((s) => s.loaded);
  const empty = useCallsStore((s) => s.calls.length === 0);
  const running = useReplayStore((s) => (s.bulk && !s.bulk.summary ? s.bulk.counts : null));
  return (
    <button
      type="button"
      disabled={loaded && empty && !running}
      onClick={() => openReplayDialog('bulk')}
      title="Replay the calls of this filter (Ctrl/Cmd+Shift+B)"
    >
      {running ? `Bulk replay: ${running.done} of ${running.total}…` : 'Bulk replay…'}
    </button>
  );
}
