/**
 * Where a call went, in one sentence for the page's call pane and `calls <id>`: forwarded
 * straight to a handler, or sent to a companion's webhook, which forwarded it to a handler (or
 * whose mock answered it). Given in parts, so the page can set each URL apart (`<code>`) and the
 * command line can join them.
 */
import type { CallDetail } from '../calls';
import { redactUrlCredentials } from '../url-credentials';

/** A piece of the sentence: words, or a URL (the one the call was sent to, or the handler a webhook forwarded it to). */
export type RoutePart = { text: string } | { url: string; is: 'sent-to' | 'forwarded-to' };

/**
 * Whose webhook a URL is, as the reader's front end sees it: the page's own companion is "this"
 * and a serve on its data folder "another"; to the command line, any companion on its data
 * folder is "this companion".
 */
export type WebhookWhose = (webhookUrl: string) => 'this' | 'another';

type RoutedCall = Pick<CallDetail, 'source' | 'answeredBy' | 'response' | 'forward' | 'handler' | 'mockChoice'>;

/**
 * Where the call went, in words; null when it went to no URL (a mock or the companion answered
 * it here). "Forwarded to X"; "Sent to this companion's webhook at X, which forwarded it to your
 * handler at Y" (the handler named whenever the webhook said, answered or not); "Sent to
 * another companion's webhook at X, whose mock answered it" (or "which gave its built-in answer",
 * as "Answered by" says). A password in a URL is said as `***`.
 */
export function callRouteWords(call: RoutedCall, whose: WebhookWhose): RoutePart[] | null {
  const sentTo = call.forward.target;
  if (sentTo === null) return null;
  const sentToPart: RoutePart = { url: redactUrlCredentials(sentTo), is: 'sent-to' };
  if (!throughWebhook(call, sentTo)) return [{ text: 'Forwarded to ' }, sentToPart];
  const parts: RoutePart[] = [{ text: `Sent to ${whose(sentTo)} companion's webhook at ` }, sentToPart];
  const forwardedTo = call.forward.webhookForwardedTo ?? handlerReachedElsewhere(call, sentTo);
  if (forwardedTo !== null) {
    parts.push({ text: ', which forwarded it to your handler at ' }, { url: redactUrlCredentials(forwardedTo), is: 'forwarded-to' });
  } else if (call.answeredBy === 'mock') {
    parts.push({ text: builtInAnswer(call) ? ', which gave its built-in answer' : ', whose mock answered it' });
  }
  return parts;
}

/** Whether the webhook's answer was its built-in one (no mock, or none of its answers applied), as its mock's choice recorded. */
function builtInAnswer({ mockChoice }: RoutedCall): boolean {
  return mockChoice !== null && (mockChoice.mock === 'none' || mockChoice.response.kind === 'built-in');
}

/** The sentence as one line of text. */
export function routeText(parts: readonly RoutePart[]): string {
  return parts.map((part) => ('text' in part ? part.text : part.url)).join('');
}

/**
 * Whether the call went to a companion's webhook. Its sender records it (CallDetail.forward);
 * a replay or simulated call stored before it did is read as it was before the record existed,
 * from its answer: one no handler gives straight (a mock's, a companion's refusal or its own
 * 502/504 for a handler that gave none; sent straight, a handler that gave none left status 0),
 * or a handler reached elsewhere than where the call was sent. (The page also took any call sent
 * to its own webhook's server for one; the answer says as much of those.)
 */
function throughWebhook(call: RoutedCall, sentTo: string): boolean {
  if (call.forward.throughWebhook !== null) return call.forward.throughWebhook;
  // Only a replay or simulated call was sent by a companion: others are another's record of its answer.
  if (call.source !== 'replay' && call.source !== 'simulator') return false;
  if (call.answeredBy === 'forward-error') return call.response.status !== 0;
  if (call.answeredBy !== 'forward') return true;
  return handlerReachedElsewhere(call, sentTo) !== null;
}

/** The handler that answered, when it answered at another server than the one the call was sent to: the one a webhook forwarded it to. */
function handlerReachedElsewhere({ handler }: RoutedCall, sentTo: string): string | null {
  if (handler === null || !URL.canParse(handler.reached) || !URL.canParse(sentTo)) return null;
  return new URL(handler.reached).origin === new URL(sentTo).origin ? null : handler.reached;
}
