import type { IncomingMessage, ServerResponse } from 'node:http';
import { FLOWENT_BODY_LIMIT_BYTES, type ApiMethod } from '../../contract/api';
import { MAX_JSON_TEXT } from '../../contract/names-and-limits';
import { FLOWENT_LIMIT_WORDS } from '../../contract/words';
import { checkArgs } from '../../core/operations/check-args';
import { strictUtf8Text } from '../../core/json/utf8';
import { SECURITY_HEADERS } from './security-headers';

/** Every API request but those below: far more than any argument list needs, so a stray or hostile client cannot make it hold much. */
const MAX_API_BODY = 64 * 1024;
/**
 * The methods whose arguments carry parameters to send in a call (a simulated call, a replay with
 * edited parameters, a bulk replay with new ones): parameters up to Flowent's own 1 MB must reach
 * the core, which refuses what would make a call over it in its own words. Written into the
 * arguments' JSON, 1 MB of parameters takes at most 2 MB (a quote or a backslash is escaped in
 * two bytes), a schema beside them (the simulator's, at most MAX_JSON_TEXT characters of up to 3
 * bytes each) at most three times its length, and the rest (action, target, seed) the usual room.
 * A body over this could only carry parameters over Flowent's limit.
 */
const MAX_PARAMETERS_API_BODY = 2 * FLOWENT_BODY_LIMIT_BYTES + 3 * MAX_JSON_TEXT + MAX_API_BODY;
/**
 * The methods whose arguments carry a mock or a JSON Schema: up to MAX_JSON_TEXT characters, as
 * the desktop app takes them. Written into the arguments' JSON a character takes at most six
 * bytes (a control character escaped as \u0000), beside the usual room for the rest (an
 * action's name, description and URL).
 */
const MAX_JSON_TEXT_API_BODY = 6 * MAX_JSON_TEXT + MAX_API_BODY;
/** How much of a body over its bound is read (and dropped) so that the client gets the 413 rather than a broken connection. */
const MAX_DRAINED_API_BODY = 16 * 1024 * 1024;
const CARRY_PARAMETERS: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'simulateCall',
  'checkSimulatedParameters',
  'replayEdited',
  'startBulkReplay',
]);
const CARRY_JSON_TEXT: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'checkMock',
  'setMock',
  'saveSimulatorAction',
  'registerAction',
  'updateAction',
  'registerHere',
]);

/** The largest request body a method's arguments can need, and what to say of one over it. */
function apiBodyBound(method: ApiMethod): { bytes: number; overMessage: string } {
  if (CARRY_PARAMETERS.has(method)) {
    return {
      bytes: MAX_PARAMETERS_API_BODY,
      overMessage: `The parameters are far over Flowent's limit of ${FLOWENT_BODY_LIMIT_BYTES} bytes (${FLOWENT_LIMIT_WORDS}): Flowent never sends such a call. Send smaller parameters.`,
    };
  }
  if (CARRY_JSON_TEXT.has(method)) {
    return {
      bytes: MAX_JSON_TEXT_API_BODY,
      overMessage: `A mock or a JSON Schema is at most ${MAX_JSON_TEXT / 1024} KB. Make it smaller.`,
    };
  }
  return { bytes: MAX_API_BODY, overMessage: 'API request bodies are at most 64 KB (a HAR file goes to /api/import-har).' };
}

/**
 * A method's arguments as its request carries them (a POSTed JSON array, within the method's
 * bound), checked as the core expects them; null once the request has been answered with why
 * they cannot be (wrong method or type, too large, not JSON, wrong arguments).
 */
export async function readApiArgs(request: IncomingMessage, response: ServerResponse, method: ApiMethod): Promise<unknown[] | null> {
  if (request.method !== 'POST') {
    sendJson(response, 405, { ok: false, code: 'method', message: 'API calls are POST requests.' });
    return null;
  }
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    sendJson(response, 415, { ok: false, code: 'content-type', message: 'API calls send JSON (Content-Type: application/json).' });
    return null;
  }
  const bound = apiBodyBound(method);
  const raw = await readBody(request, bound.bytes, MAX_DRAINED_API_BODY);
  if (raw === null) {
    response.setHeader('Connection', 'close');
    sendJson(response, 413, { ok: false, code: 'too-large', message: bound.overMessage });
    return null;
  }
  const text = strictUtf8Text(raw, 'The API request body', 'Send it encoded as UTF-8.');
  if (!text.ok) {
    sendJson(response, 400, { ok: false, code: 'bad-json', message: text.message });
    return null;
  }
  let args: unknown;
  try {
    args = text.value.length === 0 ? [] : JSON.parse(text.value);
  } catch {
    sendJson(response, 400, { ok: false, code: 'bad-json', message: 'The API request body is not valid JSON.' });
    return null;
  }
  const checked = await checkArgs(method, args);
  if (!checked.ok) {
    sendJson(response, 400, checked);
    return null;
  }
  return checked.args;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
  response.end(text);
}

/**
 * The body's bytes; null when it passes `limit` bytes or breaks off. Past the limit, up to
 * `drainUpTo` bytes are read and dropped (nothing kept) before the null: a client still sending
 * when the 413 came would see a broken connection instead of it (a browser's fetch does).
 */
export function readBody(request: IncomingMessage, limit: number, drainUpTo = limit): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > drainUpTo) {
        // Stop reading but keep the socket: the 413 must still reach the client, and the
        // connection is closed after it (see the caller).
        request.removeAllListeners('data');
        request.pause();
        resolve(null);
        return;
      }
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    request.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    request.on('error', () => resolve(null));
  });
}
