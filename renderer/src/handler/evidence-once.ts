import type { CallDetail } from '../../../main/contract/api';
import { quotedAnswerError } from '../../../main/contract/words';

/** `401 "Invalid signature"`: the status, then the text that decided, quoted (see judgeHandlerSignature). */
const STATUS_AND_TEXT = /^(\d{3}) (".*")$/;

/** `text` less the ellipsis of a cut, for comparing the start of two texts cut at different lengths. */
const uncut = (text: string) => text.replace(/…$/, '');

/**
 * The part of the handler's answer its verdict quotes, as the handler's section and the box above
 * it say it: the status alone when the problem box above the details quotes the same error
 * already (its "Your handler's error", shown in the answer's problem box: see DetailPane), so
 * a 401 "Invalid signature" is not read four times; else the evidence as it is.
 */
export function evidenceOnce(call: Pick<CallDetail, 'answeredBy' | 'response' | 'violations'>, evidence: string): string {
  const parts = STATUS_AND_TEXT.exec(evidence);
  if (parts === null || call.violations.length === 0) return evidence;
  const said = quotedAnswerError(call);
  if (said === null) return evidence;
  let text: unknown;
  try {
    text = JSON.parse(parts[2]!);
  } catch {
    return evidence;
  }
  if (typeof text !== 'string') return evidence;
  const [quoted, error] = [uncut(text), uncut(said)];
  return quoted.startsWith(error) || error.startsWith(quoted) ? parts[1]! : evidence;
}
