import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sign } from '../../main/core/signature';
import { handlerAndFolderPerTest, type HandlerProcess } from '../helpers/handler-process';
import { startCore } from '../helpers/running-core';
import { runCli } from '../helpers/spawn-cli';

// Parameters a user types (send --params, replay --params) go to the handler as typed: the
// numbers as written, and nothing Flowent would never send (invalid UTF-8, a repeated key)
// goes at all. A stored call whose numbers a style cannot write is not re-signed in it.
const KEY = 'cli-params-key';
const TYPED = '{"n":12345678901234567890,"y":1.0}';
const { cleanups, handlerAndFolder } = handlerAndFolderPerTest();

async function bodiesReceived(handler: HandlerProcess): Promise<string[]> {
  return (await handler.received()).map((request) => request.body.toString('utf8'));
}

/** A core on `dataDir` that received one call from Flowent with `parameters` (JSON text), signed raw; closed after the test. */
async function storeFlowentCall(dataDir: string, parameters: string): Promise<void> {
  const running = await startCore({ key: KEY, dataDir });
  cleanups.push(() => running.close());
  const body = `{"action_name":"ok","parameters":${parameters},"timestamp":${Math.floor(Date.now() / 1000)}}`;
  const stored = await running.post('/actions/ok', sign(body, KEY, 'raw').body);
  expect(stored.status, stored.text).toBe(200);
}

describe('send --params', () => {
  it('sends the numbers as typed in the python style, and prints and stores that body', async () => {
    const { handler, dir } = await handlerAndFolder();
    const env = { FLOWENT_HMAC_KEY: KEY };
    const sent = await runCli(
      ['send', 'ok', '--params', TYPED, '--style', 'python', '--target', handler.target, '--data-dir', dir.path],
      env,
    );
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain(`"parameters":${TYPED}`);
    const [received] = await bodiesReceived(handler);
    expect(received).toContain(`"parameters":${TYPED}`);
    // Stored as sent: replayed as it is, the same bytes go again.
    const again = await runCli(['replay', '1', '--target', handler.target, '--data-dir', dir.path], env);
    expect(again.code, again.stderr).toBe(0);
    expect((await bodiesReceived(handler))[1]).toBe(received);
  });

  it('refuses a file that is not valid UTF-8, saying which byte, exits 2 and sends nothing', async () => {
    const { handler, dir } = await handlerAndFolder();
    const file = join(dir.path, 'p.json');
    writeFileSync(file, Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}')]));
    const sent = await runCli(['send', 'ok', '--params', `@${file}`, '--target', handler.target, '--data-dir', dir.path], {
      FLOWENT_HMAC_KEY: KEY,
    });
    expect(sent.stderr).toContain(file);
    // The webhook's words for the same problem in a body.
    expect(sent.stderr).toMatch(/not valid UTF-8: byte 6 \(0xff\) begins an invalid or incomplete UTF-8 sequence/);
    expect(sent.code).toBe(2);
    expect(await bodiesReceived(handler)).toEqual([]);
  });

  it('refuses a repeated key, saying which and where, exits 2 and sends nothing', async () => {
    const { handler, dir } = await handlerAndFolder();
    const sent = await runCli(['send', 'ok', '--params', '{"a":1,"b":{"c":1,"c":2}}', '--target', handler.target, '--data-dir', dir.path], {
      FLOWENT_HMAC_KEY: KEY,
    });
    expect(sent.stderr).toMatch(/--params: .*repeats? the key "c" in \$\.b at byte 18\. .*each key once/);
    expect(sent.code).toBe(2);
    expect(await bodiesReceived(handler)).toEqual([]);
  });

  it('refuses to sign a number the style cannot write, naming the styles that can', async () => {
    const { handler, dir } = await handlerAndFolder();
    const sent = await runCli(
      ['send', 'ok', '--params', '{"e":1e400}', '--style', 'python', '--target', handler.target, '--data-dir', dir.path],
      { FLOWENT_HMAC_KEY: KEY },
    );
    expect(sent.stderr).toMatch(/1e400.*python style would write it as Infinity, which is not JSON/);
    expect(sent.stderr).toMatch(/raw/);
    expect(sent.code).toBe(2);
    expect(await bodiesReceived(handler)).toEqual([]);
    const raw = await runCli(
      ['send', 'ok', '--params', '{"e":1e400}', '--style', 'raw', '--target', handler.target, '--data-dir', dir.path],
      {
        FLOWENT_HMAC_KEY: KEY,
      },
    );
    expect(raw.code, raw.stderr).toBe(0);
    expect((await bodiesReceived(handler))[0]).toContain('"parameters":{"e":1e400}');
  });
});

describe('replay --params', () => {
  it('sends the numbers as typed', async () => {
    const { handler, dir } = await handlerAndFolder();
    await storeFlowentCall(dir.path, '{"n":1}');
    const replayed = await runCli(
      ['replay', '1', '--params', TYPED, '--style', 'python', '--target', handler.target, '--data-dir', dir.path],
      {
        FLOWENT_HMAC_KEY: KEY,
      },
    );
    expect(replayed.code, replayed.stderr).toBe(0);
    const [received] = await bodiesReceived(handler);
    expect(received).toContain(`"parameters":${TYPED}`);
  });

  it('refuses invalid UTF-8 and repeated keys with exit 2, replaying nothing', async () => {
    const { handler, dir } = await handlerAndFolder();
    await storeFlowentCall(dir.path, '{"n":1}');
    const file = join(dir.path, 'p.json');
    writeFileSync(file, Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}')]));
    const env = { FLOWENT_HMAC_KEY: KEY };
    const utf8 = await runCli(['replay', '1', '--params', `@${file}`, '--target', handler.target, '--data-dir', dir.path], env);
    expect(utf8.stderr).toMatch(/not valid UTF-8: byte 6 \(0xff\)/);
    expect(utf8.code).toBe(2);
    const repeated = await runCli(['replay', '1', '--params', '{"a":1,"a":2}', '--target', handler.target, '--data-dir', dir.path], env);
    expect(repeated.stderr).toMatch(/repeats? the key "a" in \$ at byte 7/);
    expect(repeated.code).toBe(2);
    expect(await bodiesReceived(handler)).toEqual([]);
  });
});

describe('replay --resign of a stored call with a number beyond a float64', () => {
  it('is refused in a style that cannot write it, saying why and which can; raw sends it as it came', async () => {
    const { handler, dir } = await handlerAndFolder();
    await storeFlowentCall(dir.path, '{"e":1e400,"n":12345678901234567890}');
    const env = { FLOWENT_HMAC_KEY: KEY };
    for (const style of ['python', 'go']) {
      const replayed = await runCli(['replay', '1', '--resign', '--style', style, '--target', handler.target, '--data-dir', dir.path], env);
      expect(replayed.stdout).toMatch(new RegExp(`#1 {2}not sent: .*1e400.*${style} style would write it as (Infinity|null)`));
      expect(replayed.stdout).toMatch(/Sign it in the raw style/);
      expect(replayed.code).toBe(1);
    }
    expect(await bodiesReceived(handler)).toEqual([]);
    const raw = await runCli(['replay', '1', '--resign', '--style', 'raw', '--target', handler.target, '--data-dir', dir.path], env);
    expect(raw.code, raw.stderr + raw.stdout).toBe(0);
    const [received] = await bodiesReceived(handler);
    expect(received).toContain('"parameters":{"e":1e400,"n":12345678901234567890}');
  });
});
