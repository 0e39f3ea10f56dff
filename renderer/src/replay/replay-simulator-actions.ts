import type { SimulateOutcome, SimulateRequest } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { useReplayStore } from './replay-store';
import { runResult } from '../page/run-result';
import { reportError, showToast } from '../page/ui-actions';

export async function loadSimulatorActions(): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  try {
    useReplayStore.setState({ simulatorActions: await b.listSimulatorActions() });
  } catch (error) {
    reportError('Could not load the actions to simulate', error);
  }
}

/** Generated parameters as JSON text, or the message to show. */
export async function generateParameters(action: string, seed: number): Promise<{ text: string } | { message: string | null }> {
  const got: { text?: string } = {};
  const message = await runResult(
    'generate parameters',
    (b) => b.generateParameters(action, seed),
    (text) => {
      got.text = text;
    },
  );
  return got.text !== undefined ? { text: got.text } : { message };
}

export async function simulateCall(request: SimulateRequest): Promise<{ outcome: SimulateOutcome } | { message: string | null }> {
  const got: { outcome?: SimulateOutcome } = {};
  const message = await runResult(
    'send the simulated call',
    (b) => b.simulateCall(request),
    (outcome) => {
      got.outcome = outcome;
    },
  );
  if (!got.outcome) return { message };
  showToast(`Sent as call #${got.outcome.id}`);
  return { outcome: got.outcome };
}

/** Saves (or with null removes) an action's schema defined here; a refusal comes back as a message. */
export async function saveSimulatorSchema(action: string, schema: string | null): Promise<string | null> {
  return runResult(
    'save the schema',
    (b) => b.saveSimulatorAction(action, schema),
    (actions) => {
      useReplayStore.setState({ simulatorActions: actions });
      showToast(schema === null ? `Removed the schema of ${action}` : `Saved the schema of ${action}`);
    },
  );
}
