import type { GatewayFailure, Refused } from '../../contract/api';

/** What the request was, for failures that name the action and the Gateway. */
export interface RequestContext {
  baseUrl: string;
  action?: string;
  webhookUrl?: string;
}

/** How Flowent says its registration check failed; the rest is what the check found. */
const REGISTRATION_CHECK = /^action validation failed: (?:webhook endpoint )?(.*)$/i;

/** A Gateway error answer, by its HTTP status, with the Gateway's own `error` and `details`. */
export function gatewayFailure(status: number, body: unknown, context: RequestContext): Refused<GatewayFailure> {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const error = typeof record.error === 'string' ? record.error : '';
  const fields = { status, error, ...(typeof record.details === 'string' ? { details: record.details } : {}) };
  const action = context.action ?? null;
  switch (status) {
    case 400: {
      const check = REGISTRATION_CHECK.exec(error);
      if (check) {
        return {
          ok: false,
          code: 'flowent-registration-check-failed',
          ...fields,
          webhookUrl: context.webhookUrl ?? null,
          said: check[1] ?? '',
        };
      }
      return { ok: false, code: 'flowent-bad-request', ...fields, action };
    }
    case 401:
      return { ok: false, code: 'flowent-unauthorized', ...fields };
    case 404:
      return { ok: false, code: 'flowent-action-not-found', ...fields, action };
    case 409:
      return { ok: false, code: 'flowent-action-exists', ...fields, action };
    case 429:
      return { ok: false, code: 'flowent-rate-limited', ...fields };
    default:
      return { ok: false, code: status >= 500 ? 'flowent-server-error' : 'flowent-unexpected', ...fields, baseUrl: context.baseUrl };
  }
}
