import { useReplayStore } from './replay-store';
import { closeReplayDialog } from './replay-ui-actions';
import { BulkReplayForm } from './BulkReplayForm';
import { BulkReplayProgress } from './BulkReplayProgress';
import { Dialog } from '../shared/Dialog';

/** Replays the calls of the list's current filter: the form, then the run's progress and summary. */
export function BulkReplayDialog() {
  const bulk = useReplayStore((s) => s.bulk);
  return (
    <Dialog title="Bulk replay" closeLabel="Close bulk replay" onClose={closeReplayDialog} className="wide bulk-replay-dialog">
      {bulk ? <BulkReplayProgress run={bulk} /> : <BulkReplayForm />}
    </Dialog>
  );
}
