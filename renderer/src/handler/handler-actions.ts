import type { HandlerProbe, VerifierLanguage } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { runResult } from '../page/run-result';
import { reportError } from '../page/ui-actions';
import { useCallsStore } from '../history/calls-store';
import { callNotLoadedWords, PAGE_FAILURE_WORDS, VERIFIER_NOT_PRINTED } from '../../../main/contract/words';

/** A verifier to paste into the handler, or the message to show in its place. */
export async function fetchVerifier(language: VerifierLanguage, style: string): Promise<{ snippet: string } | { message: string }> {
  const got: { snippet?: string } = {};
  const message = await runResult(
    PAGE_FAILURE_WORDS.printVerifier,
    (b) => b.getVerifierSnippet(language, style),
    (snippet) => {
      got.snippet = snippet;
    },
  );
  if (got.snippet !== undefined) return { snippet: got.snippet };
  return { message: message ?? VERIFIER_NOT_PRINTED };
}

/** What a probe reports back to the panel that asked: its findings, or a message to show inline (null: reported in a banner). */
export type ProbeAttempt = { ok: true; probe: HandlerProbe } | { ok: false; message: string | null };

/**
 * Probes the handler that answered call `callId` (`target` as configured, `{action_name}`
 * kept). The probe changes what was learned about the handler, so the call's details are
 * read again once it is done.
 */
export async function probeHandler(callId: number, target: string): Promise<ProbeAttempt> {
  const got: { probe?: HandlerProbe } = {};
  const message = await runResult(
    PAGE_FAILURE_WORDS.probeHandler,
    (b) => b.probeHandler(callId, target),
    (probe) => {
      got.probe = probe;
    },
  );
  if (!got.probe) return { ok: false, message };
  await rereadDetails(callId);
  return { ok: true, probe: got.probe };
}

/** Asks the core to stop the probes of call `callId`: the request in flight is answered and stored, then the probe ends `stopped`. */
export async function stopProbe(callId: number): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  try {
    await b.stopProbe(callId);
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.stopProbe, error);
  }
}

/** Reads a shown call's details again in place: the pane keeps what it shows (a probe's table) meanwhile. */
async function rereadDetails(id: number): Promise<void> {
  const b = currentBridge();
  if (!b || useCallsStore.getState().selectedId !== id) return;
  try {
    const call = await b.getCall(id);
    useCallsStore.setState((s) => (s.selectedId === id && call ? { detail: { id, call, loading: false, failure: null } } : s));
  } catch (error) {
    reportError(callNotLoadedWords(id), error);
  }
}
