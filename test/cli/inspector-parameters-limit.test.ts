import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useHandler } from '../helpers/handler-process';
import { startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// The browser inspector's API carries parameters up to Flowent's own 1 MB, as the desktop app
// and `send --params @file` do: only a call over that limit is refused, in its own words. Every
// other method keeps the API's small bound. A real `serve`, its real HTTP API, a real handler.
const KEY = 'parameters-limit-key';
const handler = useHandler();
const dataDir = makeTempDir();
let serve: ServeProcess;
let origin = '';
let token = '';

beforeAll(async () => {
  serve = await startServe(['--port', '0', '--inspector-port', '0', '--data-dir', dataDir.path, '--forward', handler().target], {
    FLOWENT_HMAC_KEY: KEY,
  });
  const page = new URL(serve.inspectorUrl!);
  origin = page.origin;
  token = page.hash.replace('#token=', '');
}, 60_000);

afterAll(() => stopServeAndFolder(serve, dataDir));

async function callApi(method: string, body: string): Promise<{ status: number; reply: Record<string, unknown> }> {
  const answer = await fetch(`${origin}/api/call/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  return { status: answer.status, reply: (await answer.json()) as Record<string, unknown> };
}

const blob = (size: number) => JSON.stringify({ blob: 'y'.repeat(size) });
const simulate = (parameters: string) =>
  callApi('simulateCall', JSON.stringify([{ action: 'ok', parameters, seed: 1, test: false, target: null }]));

describe('parameters through the inspector API', () => {
  it('sends a simulated call with 100 KB of parameters, and replays it edited with 500 KB', async () => {
    const before = (await handler().received()).length;
    const simulated = await simulate(blob(100_000));
    expect(simulated.status, JSON.stringify(simulated.reply).slice(0, 300)).toBe(200);
    expect(simulated.reply).toMatchObject({ ok: true, value: { ok: true, value: { status: 200 } } });
    const id = (simulated.reply.value as { value: { id: number } }).value.id;

    const edited = await callApi('replayEdited', JSON.stringify([id, blob(500_000), null]));
    expect(edited.status, JSON.stringify(edited.reply).slice(0, 300)).toBe(200);
    expect(edited.reply).toMatchObject({ ok: true, value: { ok: true, value: { status: 200 } } });

    const received = (await handler().received()).slice(before);
    expect(received.map((r) => (JSON.parse(r.body.toString('utf8')) as { parameters: { blob: string } }).parameters.blob.length)).toEqual([
      100_000, 500_000,
    ]);
  }, 30_000);

  it('takes parameters whose backslashes double in the arguments’ JSON, up to the 1 MB a call may be', async () => {
    // 1 MB of backslashes: 2 MB once written into the arguments' JSON.
    const escaped = `{"blob":"${'\\\\'.repeat(500_000)}"}`;
    expect(escaped.length).toBeLessThan(1024 * 1024);
    expect((await simulate(escaped)).reply).toMatchObject({ ok: true, value: { ok: true } });
  }, 30_000);

  it('refuses a call over Flowent’s 1 MB in its own words, and far bigger parameters with what to do', async () => {
    const over = await simulate(blob(1_048_560));
    expect(over.status).toBe(200);
    expect(over.reply).toMatchObject({ ok: true, value: { ok: false, code: 'over-flowent-limit', limit: 1024 * 1024 } });

    const far = await simulate(blob(4_000_000));
    expect(far.status).toBe(413);
    expect(far.reply).toMatchObject({ ok: false, code: 'too-large', message: expect.stringContaining('Send smaller parameters.') });
  }, 30_000);

  it('saves a 200 KB mock and registers a 200 KB schema check as the desktop app does, and refuses far more with what to do', async () => {
    const mock = JSON.stringify({ status: 200, body: { result: 'r'.repeat(200_000), error: '' } });
    const saved = await callApi('setMock', JSON.stringify(['ok', mock, 'json']));
    expect(saved.status, JSON.stringify(saved.reply).slice(0, 300)).toBe(200);
    expect(saved.reply).toMatchObject({ ok: true, value: { ok: true } });
    const settings = await callApi('getAnswerSettings', '[]');
    const mocks = (settings.reply.value as { mocks: { action: string; text: string }[] }).mocks;
    expect(mocks.map((m) => [m.action, m.text.length])).toEqual([['ok', mock.length]]);

    const schema = { type: 'object', description: 'd'.repeat(200_000) };
    const kept = await callApi('saveSimulatorAction', JSON.stringify(['ok', JSON.stringify(schema)]));
    expect(kept.status, JSON.stringify(kept.reply).slice(0, 300)).toBe(200);

    const far = await callApi('setMock', JSON.stringify(['ok', 'x'.repeat(3_000_000), 'json']));
    expect(far.status).toBe(413);
    expect(far.reply).toMatchObject({ ok: false, code: 'too-large', message: expect.stringContaining('at most 256 KB') });
  }, 30_000);

  it('keeps the 64 KB bound for every method that carries no parameters', async () => {
    const refused = await callApi('listSimulatorActions', JSON.stringify(['y'.repeat(100_000)]));
    expect(refused.status).toBe(413);
    expect(refused.reply).toMatchObject({ code: 'too-large', message: expect.stringContaining('at most 64 KB') });
  });
});
