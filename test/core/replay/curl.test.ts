import { keyFingerprint } from '../../../main/core/replay/learned-style';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReplay } from '../../../main/core/replay';
import { shellQuote } from '../../../main/contract/shell-words';
import { openStore, type Store } from '../../../main/core/store/open-store';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { sign } from '../../../main/core/signature';
import { rawRequest } from '../../helpers/raw-http';

const run = promisify(execFile);
const KEY = 'curl-test-key';
const CURL = '/usr/bin/curl';

let running: RunningCore;
let store: Store;
beforeEach(async () => {
  running = await startCore({ key: KEY });
  const opened = openStore({ dataDir: running.dataDir });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  store = opened.value;
});
afterEach(async () => {
  await store.close();
  await running.close();
});

function api() {
  return createReplay({
    calls: () => store.calls,
    answers: () => store.answers,
    settings: () => store.settings,
    handlers: () => store.handlers.forKey(() => keyFingerprint(KEY)),
    hmacKey: () => KEY,
  });
}

async function storedCall(parameters: Record<string, unknown>): Promise<number> {
  const payload = JSON.stringify({ action_name: 'send_email', parameters, timestamp: 1645123456 });
  await running.post('/actions/send_email', sign(payload, KEY, 'go').body, { 'content-type': 'application/json', 'x-trace': "it's" });
  return store.calls.lastCallId();
}

describe('copy as cURL', () => {
  it('quotes any text for a POSIX shell', async () => {
    for (const text of ["it's", "'", '$HOME `id` "x" \\ \n !', '']) {
      const { stdout } = await run('/bin/sh', ['-c', `printf %s ${shellQuote(text)}`]);
      expect(stdout).toBe(text);
    }
  });

  it.skipIf(!existsSync(CURL))('the copied, re-signed command run through real curl gets a valid signature verdict', async () => {
    const replay = api();
    const id = await storedCall({ text: "Tom & Jerry's <b>Grüße</b> $HOME `id`", z: 1, a: 2 });
    // The stored call is 5-minute-old-plus (timestamp 1645123456): re-signing freshens it.
    expect(store.calls.get(id)).toMatchObject({ verdict: 'valid', style: 'go' });
    const command = replay.curlFor(id, { resign: true, url: `${running.baseUrl}/actions/send_email` });
    if (!command.ok) throw new Error(JSON.stringify(command));
    expect(command.value.startsWith('curl ')).toBe(true);
    const { stdout } = await run('/bin/sh', ['-c', command.value.replace(/^curl /, `${CURL} `)]);
    expect(JSON.parse(stdout)).toMatchObject({ error: '' });
    const sent = store.calls.get(store.calls.lastCallId())!;
    expect(sent.id).toBeGreaterThan(id);
    expect(sent).toMatchObject({ verdict: 'valid', style: 'go', action: 'send_email' });
    expect(sent.signature.timestamp.flag).toBe('ok');
    expect(JSON.parse(sent.requestBody.toString('utf8')).parameters).toEqual({ text: "Tom & Jerry's <b>Grüße</b> $HOME `id`", z: 1, a: 2 });
    expect(sent.requestHeaders.map(([name]) => name.toLowerCase())).toContain('x-trace');
    await replay.close();
  });

  it.skipIf(!existsSync(CURL))('as stored: the same bytes arrive', async () => {
    const replay = api();
    const id = await storedCall({ q: "a'b" });
    const command = replay.curlFor(id, { url: `${running.baseUrl}/actions/send_email` });
    if (!command.ok) throw new Error(JSON.stringify(command));
    await run('/bin/sh', ['-c', command.value.replace(/^curl /, `${CURL} `)]);
    const sent = store.calls.get(store.calls.lastCallId())!;
    expect(sent.requestBody.equals(store.calls.get(id)!.requestBody)).toBe(true);
    expect(sent.verdict).toBe('valid');
    expect(replay.curlFor(99999)).toMatchObject({ ok: false, code: 'call-not-found' });
    await replay.close();
  });
});

describe('copy as cURL: where the command sends the call', () => {
  /** A call whose Host header points the re-signed command at another machine. */
  async function callWithForgedHost(): Promise<number> {
    const payload = JSON.stringify({ action_name: 'send_email', parameters: { to: 'x' }, timestamp: Math.floor(Date.now() / 1000) });
    const body = sign(payload, KEY, 'python').body;
    await rawRequest(
      running.port,
      `POST /actions/send_email HTTP/1.1\r\nHost: 127.0.0.1:18787@attacker.example\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    return store.calls.lastCallId();
  }

  it("is the companion's own webhook URL, never the caller's Host header", async () => {
    const id = await callWithForgedHost();
    expect(header(store.calls.get(id)!.requestHeaders, 'host')).toBe('127.0.0.1:18787@attacker.example');
    for (const resign of [false, true]) {
      const command = await running.core.api.copyAsCurl(id, resign);
      if (!command.ok) throw new Error(JSON.stringify(command));
      expect(command.value).not.toContain('attacker');
      expect(command.value).toContain(shellQuote(`${running.baseUrl}/actions/send_email`));
    }
  });

  it('keeps the URL on the webhook server whatever path the caller sent', async () => {
    const payload = JSON.stringify({ action_name: 'send_email', parameters: {}, timestamp: Math.floor(Date.now() / 1000) });
    const body = sign(payload, KEY, 'python').body;
    for (const target of ['http://attacker.example/actions/send_email', '//attacker.example/actions']) {
      await rawRequest(
        running.port,
        `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      const command = await running.core.api.copyAsCurl(store.calls.lastCallId(), true);
      if (!command.ok) throw new Error(JSON.stringify(command));
      expect(command.value, target).not.toContain('attacker');
      expect(command.value, target).toContain(`'${running.baseUrl}/actions`);
    }
  });

  it('refuses a call whose body was refused unread (over the limit), instead of a command with an empty body', async () => {
    const body = `{"action_name":"send_email","parameters":{"x":"${'a'.repeat(1_100_000)}"}}`;
    expect((await running.post('/actions/send_email', body)).status).toBe(413);
    for (const resign of [false, true]) {
      expect(await running.core.api.copyAsCurl(store.calls.lastCallId(), resign)).toEqual({
        ok: false,
        code: 'body-not-stored',
        size: body.length,
      });
    }
  });

  it('says so when there is no webhook server to send to and no URL is given', async () => {
    const id = await storedCall({ a: 1 });
    expect(api().curlFor(id)).toEqual({ ok: false, code: 'server-not-running' });
  });
});

function header(pairs: [string, string][], name: string): string | undefined {
  return pairs.find(([key]) => key.toLowerCase() === name)?.[1];
}
