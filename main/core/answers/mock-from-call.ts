import type { StoredCall } from '../store/call-rows';
import { escapeTemplate } from './template';
import type { MockDefinition } from '../../contract/api';

/** Response headers that describe the transport, not the answer: never copied into a mock. */
const TRANSPORT_HEADERS = /^(content-length|transfer-encoding|connection|keep-alive|date|server|etag|last-modified|vary|x-powered-by)$/i;

/**
 * "Make a mock from this answer": the stored answer becomes the action's mock, answered with
 * the same bytes (text that looks like a template is escaped so it renders as itself). A JSON
 * answer in compact form is kept as JSON, easier to edit; any other answer (spaced JSON, whose
 * layout a re-serialization would change, or text) is kept as one string.
 */
export function mockFromStoredCall(call: StoredCall): MockDefinition {
  const text = call.response.body.toString('utf8');
  let body: unknown = escapeTemplate(text);
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed !== null && typeof parsed === 'object' && JSON.stringify(parsed) === text) body = escapeStrings(parsed);
  } catch {
    // Not JSON: kept as text, which the contract check will point out.
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of call.response.headers) {
    if (!TRANSPORT_HEADERS.test(name) && headers[name] === undefined) headers[name] = value;
  }
  return {
    selection: 'rules',
    responses: [],
    fallback: { when: [], status: call.response.status, headers, body, delayMs: 0, fault: null },
    answerRegistrationCheck: false,
  };
}

function escapeStrings(value: unknown): unknown {
  if (typeof value === 'string') return escapeTemplate(value);
  if (Array.isArray(value)) return value.map(escapeStrings);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, escapeStrings(inner)]));
  return value;
}
