import { shellQuote } from '../../contract/shell-words';

/** A realistic call for the action, as Flowent would send it (before signing). */
export function sampleBody(action: string, timestamp: number): string {
  const parameters =
    action === 'send_email' ? { recipient: 'user@example.com', subject: 'Welcome!', body: 'Hi from Flowent Companion' } : {};
  return JSON.stringify({ action_name: action, parameters, timestamp });
}

/** A POSIX shell command sending `body` to `url`; the body is single-quoted so nothing expands. */
export function sampleCurl(url: string, body: string): string {
  return `curl -sS -X POST ${shellQuote(url)} -H 'Content-Type: application/json' --data-binary ${shellQuote(body)}`;
}
