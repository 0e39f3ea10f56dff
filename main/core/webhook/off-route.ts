import { redactSecrets } from '../../contract/redact-secrets';
import { clip } from '../../contract/words/said';

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
  if (TOKEN_EXCHANGE.test(path)) {
    return (
      `${clip(method, 20)} ${clip(path, 120)} is a request for Flowent's Gateway (its token exchange), sent to Flowent ` +
      "Companion's webhook: the Gateway URL it was sent to is this companion, not Flowent's Gateway. Set FLOWENT_BASE_URL " +
      "(or the profile's Gateway URL) to Flowent's Gateway."
    );
  }
  return `Nothing is served at ${clip(method, 20)} ${clip(path, 120)}. Flowent calls go to POST /actions/<action_name>.`;
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

/** What the record adds when its body was stored without its secrets. */
export const SECRETS_LEFT_OUT = 'The values of its secret fields were not stored.';
