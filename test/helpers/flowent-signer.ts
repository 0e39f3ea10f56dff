import { createHmac } from 'node:crypto';

/**
 * Signs a call the simplest way Flowent's docs describe, written independently of the app's
 * signature engine: compact JSON of the body without `signature`, HMAC-SHA256, lowercase hex.
 * For ASCII bodies with keys in Flowent's order this is what every documented style yields.
 */
export function signedBody(payload: Record<string, unknown>, key: string): string {
  const message = JSON.stringify(payload);
  const signature = createHmac('sha256', Buffer.from(key, 'utf8')).update(message).digest('hex');
  return JSON.stringify({ ...payload, signature });
}

export function flowentPayload(action: string, parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return { action_name: action, parameters, timestamp: Math.floor(Date.now() / 1000), ...extra };
}

/** Posts a call to `action` on the webhook at `baseUrl` as Flowent would, signed with `key`. */
export function postSigned(baseUrl: string, action: string, parameters: Record<string, unknown>, key: string): Promise<Response> {
  return fetch(`${baseUrl}/actions/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: signedBody(flowentPayload(action, parameters), key),
  });
}

/** Every character past ASCII as Python's json.dumps writes it (ensure_ascii): \u00fc, surrogate pairs for the rest. */
const asciiEscaped = (text: string) => text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A value with every object's keys sorted, as Go's encoding/json writes a map. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** `<`, `>` and `&` as Go's encoding/json escapes them; everything else past ASCII stays raw UTF-8. */
const goEscaped = (text: string) => text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * A call sent as JSON.stringify writes it (keys as given, raw UTF-8), signed over the text a
 * Flowent server of the given kind signs, written independently of the app's signature engine:
 * `python`, the docs' Python example (keys as given, ASCII escapes); `go`, the Go example (keys
 * sorted, Go's escaping). With non-ASCII text or unsorted keys the two differ, so a call signed
 * one way is valid only in the styles that sign like it.
 */
export function signedAs(payload: Record<string, unknown>, key: string, kind: 'python' | 'go'): string {
  const signed = kind === 'python' ? asciiEscaped(JSON.stringify(payload)) : goEscaped(JSON.stringify(sortedKeys(payload)));
  const signature = createHmac('sha256', Buffer.from(key, 'utf8')).update(signed, 'utf8').digest('hex');
  return JSON.stringify({ ...payload, signature });
}
