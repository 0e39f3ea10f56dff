import { redactSecrets } from '../../contract/redact-secrets';
import { ROUTE_REFUSAL_WORDS } from '../../contract/words/request-refusal-words';

/**
 * Requests to a path no Flowent call uses. Their bodies are stored for the developer to read,
 * but nobody asked the companion to keep what such a request carries: the one that reaches it
 * most is its own Gateway client's token exchange, sent here when the Gateway URL names this
 * companion's webhook, with the API token in its body.
 */

/** The Gateway's token exchange, under whatever base path the Gateway URL gave it. */
const TOKEN_EXCHANGE = /\/token\/exchange\/?$/;

/** Why nothing answers `method path` here, in the words the caller's answer and the record give. */
export function nothingServedMessage(method: string, url: string): string {
  const path = url.split('?', 1)[0] ?? '';
  return TOKEN_EXCHANGE.test(path) ? ROUTE_REFUSAL_WORDS.gatewayRequest(method, path) : ROUTE_REFUSAL_WORDS.nothingServed(method, path);
}

/**
 * The body stored for a request off Flowent's routes: as received, but the values of its secret
 * fields (`api_token`, `password`, `client_secret`...), credentials in URLs and Authorization
 * values in its text taken out; null when it holds none.
 */
export function offRouteBodyToStore(body: Buffer): Buffer | null {
  const text = body.toString('utf8');
  const kept = redactSecrets(text, []);
  return kept === text ? null : Buffer.from(kept, 'utf8');
}
