import { useCallsStore } from '../store/stores';
import { openReplayDialog } from '../store/replay-ui-actions';

/** "Replay these calls": the bulk replay of the list's current filter (Ctrl/Cmd+Shift+B). */
export function BulkReplayButton() {
  const loaded = useCallsStore((s) => s.loaded);
  const empty = useCallsStore((s) => s.calls.length === 0);
  return (
    <button type="button" disabled={loaded && empty} onClick={() => openReplayDialog('bulk')} title="Replay the calls of this filter (Ctrl/Cmd+Shift+B)">
      Replay these…
    </button>
  );
}
