import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../main/core/signature';
import { openStore } from '../../main/core/store/open-store';
import { startHandler, type HandlerProcess } from '../helpers/handler-process';
import { startCore, type RunningCore } from '../helpers/running-core';
import { runCli } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const KEY = 'cli-replay-key';
let handler: HandlerProcess;
let running: RunningCore;
let files: { path: string; remove: () => void };
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  handler = await startHandler();
  running = await startCore({ key: KEY });
  await running.core.api.setForwardTarget(null, handler.target);
  for (const parameters of [{ name: 'Renée' }, { n: 2 }]) {
    const payload = JSON.stringify({ action_name: 'ok', parameters, timestamp: Math.floor(Date.now() / 1000) });
    await running.post('/actions/ok', sign(payload, KEY, 'go').body);
  }
  files = makeTempDir();
  env = { FLOWENT_HMAC_KEY: KEY, FLOWENT_COMPANION_DATA_DIR: running.dataDir };
});
afterAll(async () => {
  await running.close();
  await handler.stop();
  files.remove();
});

describe('flowent-companion replay', () => {
  it.each([
    [[], /call ids .* or --action/],
    [['--action', 'Bad-Name'], /--action: "Bad-Name" is not an action name/],
    [['1', '--action', 'ok'], /not both/],
    [['1', '--style', 'go'], /--style only applies with --resign/],
    [['1', '--params', '[1]'], /--params must be a JSON object/],
    [['1', '--resign', '--style', 'nope'], /--style must be one of/],
    [['--action', 'ok', '--since', 'yesterday'], /--since must be/],
    [['abc'], /not a call id/],
    [['1', '--concurrency', '0'], /--concurrency/],
  ])('usage error %j exits 2', async (args, message) => {
    const result = await runCli(['replay', ...args], env);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });

  it('replays an action in order, one line per replay and a summary (no progress line off a terminal)', async () => {
    const result = await runCli(['replay', '--action', 'ok', '--since', '1h', '--concurrency', '2'], env);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^#1 → #\d+ {2}200 {2}same {2}ok$/m);
    expect(result.stdout).toMatch(/^#2 → #\d+ {2}200 {2}same {2}ok$/m);
    expect(result.stdout).toContain('2 replayed: 2 passed, 0 passed with a changed answer, 0 failed.');
    expect(result.code).toBe(0);
  });

  it('re-signs in the learned style, and exits 1 when an answer breaks the contract', async () => {
    const resigned = await runCli(['replay', '1', '--resign'], env);
    expect(resigned.stdout).toMatch(/^#1 → #\d+ {2}200 {2}same {2}ok {2}re-signed \(go\)$/m);
    expect(resigned.code).toBe(0);
    const edited = await runCli(['replay', '2', '--params', '{"n":"edited"}', '--style', 'python'], env);
    expect(edited.stdout).toMatch(/^#2 → #\d+ {2}200 {2}same {2}ok {2}re-signed \(python\)$/m);
    const handlerSaw = await handler.received();
    expect(JSON.parse(handlerSaw[handlerSaw.length - 1]!.body.toString('utf8')).parameters).toEqual({ n: 'edited' });
    const failing = await runCli(['replay', '1', '2', '--target', `http://127.0.0.1:${handler.port}/actions/error500`, '--diff'], env);
    expect(failing.stdout).toMatch(/^#1 → #\d+ {2}200 → 500 {2}changed {2}1 violation$/m);
    expect(failing.stdout).toContain('status 200 → 500');
    expect(failing.stdout).toContain('+   "error": "database is down"');
    expect(failing.stdout).toContain('2 replayed: 0 passed, 0 passed with a changed answer, 2 failed.');
    expect(failing.code).toBe(1);
  });

  it('does not count a call that is not in the history as replayed, and exits 1 for it', async () => {
    const none = await runCli(['replay', '99999', '--target', 'http://127.0.0.1:9/x'], env);
    expect(none.stderr).toContain('flowent-companion replay: There is no call #99999 in the history (it may have been cleared).');
    expect(none.stdout).not.toMatch(/replayed/);
    expect(none.code).toBe(1);
    const some = await runCli(['replay', '1', '99999'], env);
    expect(some.stdout).toContain('#99999  not found: There is no call #99999 in the history (it may have been cleared).');
    expect(some.stdout).toMatch(/^#1 → #\d+ {2}200 {2}same {2}ok$/m);
    expect(some.stdout).toContain('1 replayed: 1 passed, 0 passed with a changed answer, 0 failed; 1 not found.');
    expect(some.code).toBe(1);
  });
});

describe("Flowent's 1 MB", () => {
  it('replay --params refuses parameters making a call over it, in the words send uses, and sends nothing', async () => {
    const big = join(files.path, 'big-params.json');
    writeFileSync(big, JSON.stringify({ blob: 'x'.repeat(1_100_000) }));
    const before = (await handler.received()).length;
    const replayed = await runCli(['replay', '1', '--params', `@${big}`], env);
    const sent = await runCli(['send', 'ok', '--params', `@${big}`], env);
    const refusal =
      /The call would be (\d+) bytes, over Flowent's limit of 1048576 bytes \(1 MB\): Flowent never sends such a call\. Send smaller parameters\./;
    expect(replayed.stdout).toMatch(refusal);
    expect(sent.stderr).toMatch(refusal);
    expect(Number(refusal.exec(replayed.stdout)![1])).toBeGreaterThan(1_100_000);
    expect(replayed.stdout).toContain('0 replayed: 0 passed, 0 passed with a changed answer, 0 failed; 1 not sent.');
    expect(replayed.code).toBe(1);
    expect((await handler.received()).length).toBe(before);
  });
});

describe('flowent-companion send', () => {
  it('sends a call generated from a schema, prints the answer and the verdict', async () => {
    const schema = join(files.path, 'schema.json');
    writeFileSync(
      schema,
      JSON.stringify({ type: 'object', properties: { email: { type: 'string', format: 'email' } }, required: ['email'] }),
    );
    const result = await runCli(['send', 'ok', '--schema', `@${schema}`, '--seed', '3'], env);
    expect(result.stdout).toMatch(/Sent #\d+ to http:\/\/127\.0\.0\.1:\d+\/actions\/ok \(signed, go style\)/);
    expect(result.stdout).toMatch(
      /body: +\{"action_name":"ok","parameters":\{"email":"[^"]+@[^"]+"\},"timestamp":\d+,"signature":"[0-9a-f]{64}"\}/,
    );
    expect(result.stdout).toContain('answer:  200 {"result":"handled ok","error":""}');
    expect(result.stdout).toContain("the answer meets Flowent's contract");
    expect(result.code).toBe(0);
    const again = await runCli(['send', 'ok', '--schema', `@${schema}`, '--seed', '3'], env);
    const params = (text: string) => /"parameters":(\{[^}]*\})/.exec(text)?.[1];
    expect(params(again.stdout)).toBe(params(result.stdout));
  });

  it('exits 1 when the answer breaks the contract, 2 on usage errors', async () => {
    const bad = await runCli(['send', 'result_number', '--params', '{"a":1}'], env);
    expect(bad.stdout).toContain('`result` is a number');
    expect(bad.code).toBe(1);
    const test = await runCli(['send', 'ok', '--test'], { ...env, FLOWENT_HMAC_KEY: '' });
    expect(test.stdout).toContain('unsigned registration check');
    expect(test.code).toBe(0);
    expect((await runCli(['send', 'ok'], { ...env, FLOWENT_HMAC_KEY: '' })).code).toBe(2);
    expect((await runCli(['send'], env)).code).toBe(2);
    const notJson = await runCli(['send', 'ok', '--params', '{nope'], env);
    expect(notJson.stderr).toContain('--params: Invalid JSON at byte 1: expected a double-quoted object key');
    expect(notJson.code).toBe(2);
  });
});

describe('flowent-companion export and import', () => {
  it('round-trips the history through a HAR file into another data folder', async () => {
    const har = join(files.path, 'calls.har');
    const filtered = await runCli(['export', '--har', '-', '--action', 'ok', '--limit', '3'], env);
    const entries = (JSON.parse(filtered.stdout) as { log: { entries: { _action: string }[] } }).log.entries;
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.length).toBeLessThanOrEqual(3);
    expect(entries.every((entry) => entry._action === 'ok')).toBe(true);
    const exported = await runCli(['export', '--har', har, '1', '2'], env);
    expect(exported.stderr).toContain(`Exported 2 calls to ${har}`);
    expect(exported.code).toBe(0);
    expect(JSON.parse(readFileSync(har, 'utf8')).log.version).toBe('1.2');
    const other = makeTempDir();
    try {
      const imported = await runCli(['import', har, '--data-dir', other.path], env);
      expect(imported.stdout).toContain('Imported 2 calls');
      expect(imported.code).toBe(0);
      const opened = openStore({ dataDir: other.path });
      if (!opened.ok) throw new Error(JSON.stringify(opened));
      expect(opened.value.calls.list({}).calls.map((c) => [c.action, c.verdict])).toEqual([
        ['ok', 'valid'],
        ['ok', 'valid'],
      ]);
      opened.value.close();
    } finally {
      other.remove();
    }
  });

  it('exports a call given more than once once, in the order first given', async () => {
    const exported = await runCli(['export', '--har', '-', '2', '1', '2', '1', '1'], env);
    const entries = (JSON.parse(exported.stdout) as { log: { entries: { _callId: number }[] } }).log.entries;
    expect(entries.map((entry) => entry._callId)).toEqual([2, 1]);
    expect(exported.stderr).toBe('Exported 2 calls.\n');
    expect(exported.code).toBe(0);
  });

  it('says what is wrong with a bad file, and exits 2 without --har', async () => {
    const bad = join(files.path, 'bad.har');
    writeFileSync(bad, '{"log":{"entries":"x"}}');
    const result = await runCli(['import', bad], env);
    expect(result.stderr).toContain(`${bad}: The file is not a HAR: "log.entries" is missing or not a list.`);
    expect(result.code).toBe(2);
    expect((await runCli(['import', join(files.path, 'missing.har')], env)).stderr).toContain('missing.har: there is no such file.');
    expect((await runCli(['export'], env)).code).toBe(2);
  });
});
