import { failure, type FlowentFailure } from './types';

/** What the request was, for messages that name the action and the Gateway. */
export interface RequestContext {
  baseUrl: string;
  action?: string;
  webhookUrl?: string;
}

const REGISTRATION_CHECK = /^action validation failed: (.*)$/i;

/** Turns a Gateway error answer into words the user acts on. */
export function describeGatewayError(status: number, body: unknown, context: RequestContext): FlowentFailure {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const error = typeof record.error === 'string' ? record.error : '';
  const details = typeof record.details === 'string' ? record.details : undefined;
  const extra = { status, ...(details !== undefined ? { details } : {}) };
  const action = context.action ? `"${context.action}"` : 'the action';
  switch (status) {
    case 400: {
      const check = REGISTRATION_CHECK.exec(error);
      if (check) {
        const where = context.webhookUrl ? ` at ${context.webhookUrl}` : '';
        return failure(
          'flowent-registration-check-failed',
          `Flowent's registration check failed: your webhook${where} ${check[1]?.replace(/^webhook endpoint /, '')}. ` +
            'Before registering, Flowent POSTs {"test": true} to the webhook_url and needs a 2xx answer: make sure the companion (or your handler) is running and reachable at that URL, then try again.',
          extra,
        );
      }
      return failure(
        'flowent-bad-request',
        `Flowent refused ${action}: ${error || 'bad request'}${details ? ` (${details})` : ''}.`,
        extra,
      );
    }
    case 401:
      return failure(
        'flowent-unauthorized',
        `Flowent did not accept the session even after exchanging the API token again (${error || 'Invalid token'}). Create a new API token in Gateway Management.`,
        extra,
      );
    case 404:
      return failure(
        'flowent-action-not-found',
        `Flowent has no action ${action}${error && error !== 'Action not found' ? ` (${error})` : ''}. List the registered actions with "actions list".`,
        extra,
      );
    case 409:
      return failure(
        'flowent-action-exists',
        `An action ${action} already exists on Flowent: update it instead (or register with the companion, which updates it).`,
        extra,
      );
    case 429:
      return failure(
        'flowent-rate-limited',
        `Flowent refused: too many requests (its limit is 1000 per hour per tenant). Wait a while and try again.`,
        extra,
      );
    default:
      if (status >= 500)
        return failure(
          'flowent-server-error',
          `The Flowent Gateway at ${context.baseUrl} failed (HTTP ${status}${error ? `: ${error}` : ''}). Try again later.`,
          extra,
        );
      return failure('flowent-unexpected', `The Flowent Gateway answered HTTP ${status}${error ? `: ${error}` : ''}.`, extra);
  }
}
