import type { ReplayMode, ReplayOutcome } from '../../../main/contract/api';
import type { StyleName } from '../../../main/contract/names-and-limits';
import { runResult } from '../page/run-result';
import { sendInline } from './send-inline';
import { copyText, showToast } from '../page/ui-actions';
import { PAGE_FAILURE_WORDS, replayedAsWords } from '../../../main/contract/words';

/**
 * What a replay reports back to the panel that asked: the outcome (with what of the request was
 * not sent, in the words of the replay's record), or a message to show inline (null: reported
 * in a banner).
 */
export type ReplayAttempt = { ok: true; outcome: ReplayOutcome } | { ok: false; message: string | null; noHandler: boolean };

/**
 * Whether a refusal was for want of a handler (none set for the action, or the action answered
 * by the companion's own mock): the companion's webhook can answer it instead.
 */
function refusedForNoHandler(refusal: { code: string }): boolean {
  return refusal.code === 'no-target' || refusal.code === 'answered-by-mock';
}

/** Replays a stored call to the handler (`target` empty: the action's forwarding target), re-signed in `style` (null: the learned one). */
export async function replayCall(id: number, mode: ReplayMode, target: string, style: StyleName | null): Promise<ReplayAttempt> {
  const trimmed = target.trim();
  const got: { outcome?: ReplayOutcome; noHandler?: boolean } = {};
  const message = await runResult(
    PAGE_FAILURE_WORDS.replayCall,
    (b) => b.replayCall(id, mode, trimmed === '' ? null : trimmed, style),
    (outcome) => {
      got.outcome = outcome;
    },
    (refusal) => {
      got.noHandler = refusedForNoHandler(refusal);
    },
  );
  if (!got.outcome) return { ok: false, message, noHandler: got.noHandler ?? false };
  showToast(replayedAsWords(got.outcome.id, false));
  return { ok: true, outcome: got.outcome };
}

/**
 * Replays a stored call with new parameters (JSON text), re-signed in `style` (null: the learned
 * one); why it was not sent, whatever it is, comes back as the message the editor shows.
 */
export async function replayEdited(id: number, parameters: string, target: string, style: StyleName | null): Promise<ReplayAttempt> {
  const trimmed = target.trim();
  const sent = await sendInline((b) => b.replayEdited(id, parameters, trimmed === '' ? null : trimmed, style));
  if (!sent.ok) return { ok: false, message: sent.message, noHandler: false };
  showToast(replayedAsWords(sent.value.id, true));
  return { ok: true, outcome: sent.value };
}

/** Copies a shell command that sends the call again (re-signed in `style`, null: the learned one); a refusal comes back as a message. */
export async function copyCallAsCurl(id: number, resign: boolean, style: StyleName | null): Promise<string | null> {
  const got: { command?: string } = {};
  const message = await runResult(
    PAGE_FAILURE_WORDS.buildCurl,
    (b) => b.copyAsCurl(id, resign, style),
    (command) => {
      got.command = command;
    },
  );
  if (got.command !== undefined) await copyText(got.command, 'cURL command');
  return message;
}
