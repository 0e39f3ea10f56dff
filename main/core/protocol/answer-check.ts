import type { Violation } from '../../contract/api';
import { FLOWENT_TIMEOUT_MS } from './facts';
import { FLOWENT_BODY_LIMIT_BYTES } from '../../contract/names-and-limits';
import { FLOWENT_LIMIT_WORDS } from '../../contract/words/flowent-limit-words';
import { noAnswerCausePhrase } from '../../contract/words/answer-mark-words';

export interface CheckedAnswer {
  /** Who answered, in the sentence: "your handler", "the mock", or "this companion" (its own webhook, for a call it sent there). */
  who: 'your handler' | 'the mock' | 'this companion';
  /** 0 when nothing was answered (a dropped connection). */
  status: number;
  body: Buffer;
  /** Bytes the answer really had, when `body` was cut at the relay limit. */
  fullSize: number;
  durationMs: number;
  /**
   * The answer to Flowent's registration check (`"test": true`): judged by its status alone, as
   * Flowent judges it (any 2xx within 30 s passes; a non-2xx fails the registration), its body not looked at.
   */
  registrationCheck: boolean;
}

/**
 * Checks an answer against what Flowent expects from an action webhook: 2xx, a JSON object, `result` a string, `error` a string when present and empty on
 * success, at most 1 MB, within 30 s. Each violation says what to change. The answer to a
 * registration check is checked for its status and time only: Flowent reads nothing else of it,
 * so an HTML page answered 200 registers the action and is no violation (nor a failed call).
 */
export function checkAnswer(answer: CheckedAnswer): Violation[] {
  const violations: Violation[] = [];
  const add = (code: string, message: string) => violations.push({ code, message });
  const { who } = answer;
  if (answer.durationMs >= FLOWENT_TIMEOUT_MS) {
    add(
      'too-slow',
      `${who} took ${(answer.durationMs / 1000).toFixed(1)} s; Flowent gives up after ${FLOWENT_TIMEOUT_MS / 1000} s, so the flow sees a failed action. Answer sooner and do slow work after answering.`,
    );
  }
  if (answer.status === 0) {
    violations.push({
      code: 'no-answer',
      message: `${who} ${noAnswerCausePhrase('closed')}; Flowent sees a failed action.`,
      cause: 'closed',
    });
    return violations;
  }
  const success = answer.status >= 200 && answer.status < 300;
  if (answer.registrationCheck) {
    if (!success) {
      add(
        'not-2xx',
        `${who} answered ${answer.status} to Flowent's registration check; Flowent registers the action only after a 2xx, so the registration fails ("action validation failed: webhook endpoint returned status ${answer.status}").`,
      );
    }
    return violations;
  }
  if (answer.fullSize > FLOWENT_BODY_LIMIT_BYTES) {
    add(
      'too-large',
      `${who} answered ${answer.fullSize} bytes; Flowent's limit is ${FLOWENT_LIMIT_WORDS} (${FLOWENT_BODY_LIMIT_BYTES} bytes). Return less.`,
    );
  }
  if (!success) {
    add(
      'not-2xx',
      `${who} answered ${answer.status}; Flowent treats anything but 2xx as a failed action (the flow takes its "on action failure" branch).`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body.toString('utf8'));
  } catch {
    const start = answer.body.subarray(0, 40).toString('utf8').replace(/\s+/g, ' ');
    add(
      'not-json',
      `${who} answered ${answer.status} but the body is not JSON${start ? ` (it starts with ${JSON.stringify(start)})` : ' (it is empty)'}; answer {"result":"...","error":""}.`,
    );
    return violations;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    add(
      'not-object',
      `${who} answered ${answer.status} but the body is ${kind(parsed)}, not an object; answer {"result":"...","error":""}.`,
    );
    return violations;
  }
  const record = parsed as Record<string, unknown>;
  if (!('result' in record)) {
    add('result-missing', `${who} answered ${answer.status} but the body has no \`result\`; Flowent requires it, as a string.`);
  } else if (typeof record.result !== 'string') {
    add(
      'result-not-string',
      `${who} answered ${answer.status} but \`result\` is ${kind(record.result)}; Flowent expects a string (use JSON.stringify for structured data).`,
    );
  }
  if ('error' in record && typeof record.error !== 'string') {
    add(
      'error-not-string',
      `${who} answered ${answer.status} but \`error\` is ${kind(record.error)}; Flowent expects a string, "" on success.`,
    );
  } else if (success && typeof record.error === 'string' && record.error !== '') {
    add(
      'error-on-success',
      `${who} answered ${answer.status} with a non-empty \`error\` (${JSON.stringify(clip(record.error))}); on success \`error\` must be "" (or answer non-2xx for a failure).`,
    );
  }
  return violations;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
