import type { SimulateOutcome, SimulateRequest } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { useReplayStore } from './replay-store';
import { runResult } from '../page/run-result';
import { sendInline } from './send-inline';
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

/** Sends the simulated call; why it was not sent, whatever it is, comes back as the message the simulator shows. */
export async function simulateCall(request: SimulateRequest): Promise<{ outcome: SimulateOutcome } | { message: string | null }> {
  const sent = await sendInline((b) => b.simulateCall(request));
  if (!sent.ok) return { message: sent.message };
  showToast(`Sent as call #${sent.value.id}`);
  return { outcome: sent.value };
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
