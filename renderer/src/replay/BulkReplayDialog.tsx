import { useState } from 'react';
import { useReplayStore } from './replay-store';
import { closeReplayDialog } from './replay-ui-actions';
import { BulkReplayForm } from './BulkReplayForm';
import { BulkReplayProgress } from './BulkReplayProgress';
import { Dialog } from '../shared/Dialog';
import { DIALOG_WORDS } from '../../../main/contract/words';

/**
 * Replays the calls of the list's current filter: the form, then the run's progress and summary.
 * A run that has ended is the last run, kept folded under the form: the dialog opens on what a
 * new run would replay (the list's filter may have changed since), not on an old result.
 */
export function BulkReplayDialog() {
  const bulk = useReplayStore((s) => s.bulk);
  // The ended run the form is shown over: the one ended when the dialog opened, or the one "New bulk replay" left.
  const [behindForm, setBehindForm] = useState(() => {
    const run = useReplayStore.getState().bulk;
    return run?.summary ? run.runId : null;
  });
  const current = bulk && bulk.runId !== behindForm ? bulk : null;
  return (
    <Dialog {...DIALOG_WORDS.bulkReplay} onClose={closeReplayDialog} className="wide bulk-replay-dialog">
      {current ? (
        <BulkReplayProgress run={current} onNew={() => setBehindForm(current.runId)} />
      ) : (
        <BulkReplayForm lastRun={bulk?.summary ? bulk : null} />
      )}
    </Dialog>
  );
}
