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
