import { describe, expect, it } from 'vitest';
import type { CallDetail } from '../../../main/contract/api';
import { openSocket } from '../../helpers/raw-http';
import { coresClosedAfterEach, type RunningCore } from '../../helpers/running-core';

// A request refused before it was read as a Flowent call is recorded with the verdict
// `not-flowent`: there was no Flowent body to check. Exported and imported again, it must come
// back as it was stored, not checked again as if its bytes were a Flowent body, nor skipped
// because it was not a POST with a body.
const start = coresClosedAfterEach();

const head = (extra: string, line = 'POST /actions/a HTTP/1.1') => `${line}\r\nHost: x\r\nContent-Type: application/json\r\n${extra}`;

/** Each kind of refusal, as the bytes a client sends; `end` says when the client stops. */
const REFUSALS: { problem: string; bytes: string; end?: 'close' | 'wait' }[] = [
  { problem: 'too-large', bytes: head(`Content-Length: 3000\r\n\r\n{"a":"${'x'.repeat(2992)}"}`) },
  { problem: 'aborted', bytes: head('Content-Length: 100\r\n\r\n{"action_name":'), end: 'close' },
  { problem: 'body-timeout', bytes: head('Content-Length: 100\r\n\r\n{'), end: 'wait' },
  { problem: 'malformed-body', bytes: head('Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\nzz\r\n') },
  { problem: 'missing-host', bytes: 'POST /actions/a HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}' },
  { problem: 'not-found', bytes: head('Content-Length: 2\r\n\r\n{}', 'POST /nothing-here HTTP/1.1') },
  { problem: 'method-not-allowed', bytes: head('Content-Length: 2\r\n\r\n{}', 'PUT /actions/a HTTP/1.1') },
  { problem: 'method-not-allowed', bytes: head('\r\n', 'GET /actions/a HTTP/1.1') },
  { problem: 'invalid-path-action', bytes: head('Content-Length: 2\r\n\r\n{}', 'POST /actions/Not%20valid HTTP/1.1') },
  {
    problem: 'unsupported-content-type',
    bytes: 'POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}',
  },
  { problem: 'invalid-json', bytes: head('Content-Length: 4\r\n\r\nnope') },
  { problem: 'duplicate-key', bytes: head('Content-Length: 13\r\n\r\n{"a":1,"a":2}') },
  { problem: 'ambiguous-length', bytes: head('Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}') },
  { problem: 'malformed-http', bytes: 'POST /actions/a HTTP/9.9\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}' },
  { problem: 'head-too-large', bytes: head(`X-Big: ${'b'.repeat(20_000)}\r\nContent-Length: 2\r\n\r\n{}`) },
  { problem: 'headers-timeout', bytes: 'POST /actions/a HTTP/1.1\r\nHost: x\r\nX-Slow: ', end: 'wait' },
  { problem: 'unsupported-expect', bytes: head('Expect: weird\r\nContent-Length: 2\r\n\r\n{}') },
  { problem: 'method-not-allowed', bytes: 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n' },
];

/** Sends the bytes on a connection of their own; done once answered (or, for `close`, once the client gave up). */
async function send(core: RunningCore, bytes: string, end: 'close' | 'wait' | undefined): Promise<void> {
  const socket = await openSocket(core.port);
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.once('data', () => socket.destroy());
  socket.write(bytes);
  if (end === 'close') setTimeout(() => socket.destroy(), 200);
  await closed;
}

async function storedCalls(core: RunningCore): Promise<CallDetail[]> {
  const page = await core.core.api.listCalls({ limit: 100 });
  const calls = await Promise.all(page.calls.map((call) => core.core.api.getCall(call.id)));
  return calls.map((call) => call!).reverse();
}

/** What a call was stored as, source and arrival apart. */
function asStored(call: CallDetail) {
  return {
    method: call.method,
    path: call.path,
    verdict: call.verdict,
    problem: call.problem,
    problemMessage: call.problemMessage,
    diagnosis: call.signature.diagnosis.map((d) => `${d.code}: ${d.message}`),
    status: call.status,
    answeredBy: call.answeredBy,
    size: call.size,
  };
}

describe('refused calls exported and imported again', () => {
  it('come back with the verdict, problem and request line they were stored with, whatever the refusal', async () => {
    const source = await start({ key: 'k', bodyLimitBytes: 2_000, headersTimeoutMs: 1_000, bodyIdleTimeoutMs: 1_000 });
    for (const refusal of REFUSALS) await send(source, refusal.bytes, refusal.end);
    // Over the rate limit: refused before the body is read (the first call is let through).
    const limited = await start({ key: 'k', limits: { rateLimitPerSecond: 1 } });
    for (let i = 0; i < 2; i++) await send(limited, head('Content-Length: 2\r\n\r\n{}'), undefined);
    const before = [...(await storedCalls(source)), ...(await storedCalls(limited)).slice(1)];
    const problems = [...REFUSALS.map((refusal) => refusal.problem), 'rate-limited'];
    expect(before.map((call) => call.problem)).toEqual(problems);
    expect(new Set(before.map((call) => call.verdict))).toEqual(new Set(['not-flowent']));

    const target = await start({ key: 'k' });
    for (const [from, ids] of [
      [source, before.slice(0, REFUSALS.length)],
      [limited, before.slice(REFUSALS.length)],
    ] as const) {
      const exported = await from.core.api.exportHar({ ids: ids.map((call) => call.id) });
      if (!exported.ok || exported.value.text === null) throw new Error(JSON.stringify(exported));
      const imported = await target.core.api.importHar(exported.value.text);
      expect(imported).toMatchObject({ ok: true, value: { imported: ids.length, skipped: 0, problems: [] } });
    }
    const after = await storedCalls(target);
    expect(after.map(asStored)).toEqual(before.map(asStored));
    expect(after.every((call) => call.source === 'import')).toBe(true);
  }, 60_000);
});
