import type { CallDetail, ParameterProblem, SimulateOutcome, SimulateRequest } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { useReplayStore } from './replay-store';
import { sendInline } from './send-inline';
import { reportError, showToast } from '../page/ui-actions';
import { NOT_DONE_WORDS, PAGE_FAILURE_WORDS, schemaSavedWords, simulatedAsWords } from '../../../main/contract/words';

export async function loadSimulatorActions(): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  try {
    useReplayStore.setState({ simulatorActions: await b.listSimulatorActions() });
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.loadSimulatorActions, error);
  }
}

/** Generated parameters as JSON text, or the message to show. */
export async function generateParameters(action: string, seed: number): Promise<{ text: string } | { message: string | null }> {
  const got = await sendInline((b) => b.generateParameters(action, seed), NOT_DONE_WORDS.generateParameters);
  return got.ok ? { text: got.value } : { message: got.message };
}

/**
 * What the parameters break of the action's schema, checked as they are typed; none when they
 * cannot be checked (no schema, the companion unreachable): the send says why then.
 */
export async function checkSimulatedParameters(action: string, parameters: string): Promise<ParameterProblem[]> {
  const b = currentBridge();
  if (!b) return [];
  try {
    const checked = await b.checkSimulatedParameters(action, parameters);
    return checked.ok ? checked.value : [];
  } catch {
    return [];
  }
}

/** Sends the simulated call; why it was not sent, whatever it is, comes back as the message the simulator shows. */
export async function simulateCall(request: SimulateRequest): Promise<{ outcome: SimulateOutcome } | { message: string | null }> {
  const sent = await sendInline((b) => b.simulateCall(request));
  if (!sent.ok) return { message: sent.message };
  showToast(simulatedAsWords(sent.value.id));
  return { outcome: sent.value };
}

/**
 * The stored details of a simulated call, for what its result says of the handler's verdict (the
 * core judges it as it stores the call); null when they cannot be read: the result shows the
 * rest, and "Open call" says why.
 */
export async function readSimulatedCall(id: number): Promise<CallDetail | null> {
  const b = currentBridge();
  if (!b) return null;
  try {
    return (await b.getCall(id)) ?? null;
  } catch {
    return null;
  }
}

/** Saves (or with null removes) an action's schema defined here; a refusal comes back as a message. */
export async function saveSimulatorSchema(action: string, schema: string | null): Promise<string | null> {
  const saved = await sendInline(
    (b) => b.saveSimulatorAction(action, schema),
    schema === null ? NOT_DONE_WORDS.removeSchema : NOT_DONE_WORDS.saveSchema,
  );
  if (!saved.ok) return saved.message;
  useReplayStore.setState({ simulatorActions: saved.value });
  showToast(schemaSavedWords(action, schema === null));
  return null;
}
