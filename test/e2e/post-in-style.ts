import { sign } from '../../main/core/signature';

/**
 * Posts a call to `action` on the webhook at `baseUrl`, signed with `key` in one of the companion's
 * styles (so a handler that verifies in another style refuses it), and returns the answer's status.
 */
export async function postInStyle(
  baseUrl: string,
  key: string,
  style: 'python' | 'go',
  action: string,
  parameters: object,
): Promise<number> {
  const payload = JSON.stringify({ action_name: action, parameters, timestamp: Math.floor(Date.now() / 1000) });
  const response = await fetch(`${baseUrl}/actions/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: sign(payload, key, style).body,
  });
  await response.arrayBuffer();
  return response.status;
}
