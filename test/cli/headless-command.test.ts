import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { lanAddresses } from '../../main/core/tunnel/lan-addresses';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../main/cli/commands';
import { isCredentialHeader } from '../../main/contract/credential-headers';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { openSocket, rawRequest, readAll } from '../helpers/raw-http';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const KEY = 'cli-test-key';
const { cleanups, tempDir } = cleanupsPerTest();

async function serve(args: string[], env: NodeJS.ProcessEnv = { FLOWENT_HMAC_KEY: KEY }): Promise<ServeProcess> {
  const server = await startServe(args, env);
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

const post = (url: string, body: string) => fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('flowent-companion serve', () => {
  it('prints the webhook URL, one line per call, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const server = await serve(['--port', '0', '--data-dir', dataDir]);
    expect(server.output()).toMatch(/HMAC key: +set \(from FLOWENT_HMAC_KEY\)/);
    expect(server.output()).toContain(dataDir);

    const answer = await post(`${server.baseUrl}/actions/send_email`, signedBody(flowentPayload('send_email'), KEY));
    expect(answer.status).toBe(200);
    await server.waitFor(/\d\d:\d\d:\d\d {2}send_email {2}valid \(\S+\) {2}200 {2}[\d.]+ ms/);

    await post(`${server.baseUrl}/actions/send_email`, JSON.stringify({ ...flowentPayload('send_email'), test: true }));
    await server.waitFor(/send_email \[registration check\] {2}unsigned test {2}200/);

    await post(`${server.baseUrl}/actions/send_email`, 'nope');
    await server.waitFor(/POST \/actions\/send_email {2}not a Flowent call {2}400 refused: body not JSON {2}[\d.]+ ms/);

    // Bytes the HTTP parser refuses are told too, and a request without a request line says so.
    expect((await rawRequest(Number(new URL(server.baseUrl).port), 'GARBAGE\r\n\r\n')).status).toBe(400);
    await server.waitFor(/\d\d:\d\d:\d\d {2}\(no request line\) {2}not a Flowent call {2}400 refused: bad HTTP {2}[\d.]+ ms/);
    const listed = await runCli(['calls', '--data-dir', dataDir, '--limit', '1']);
    expect(listed.stdout).toMatch(/^#4 {2}\d\d:\d\d:\d\d {2}\(no request line\) {2}not a Flowent call/);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/Stopped\./);
  });

  it('a client that stalls mid-headers is told as an unfinished head, with how many bytes of it came', async () => {
    const dataDir = tempDir();
    const server = await serve(['--port', '0', '--data-dir', dataDir]);
    const socket = await openSocket(Number(new URL(server.baseUrl).port));
    const answered = readAll(socket, 30_000);
    const sent = 'POST /actions/stalled HTTP/1.1\r\nHost: a\r\n';
    socket.write(sent);
    // The header timeout is 10 s; Node checks for it twice a second.
    await server.waitFor(
      /\d\d:\d\d:\d\d {2}\(request head unfinished\) {2}not a Flowent call {2}408 refused: headers too slow {2}/,
      30_000,
    );
    expect(await answered).toMatch(/^HTTP\/1\.1 408 /);
    // Its request line is not known: none is made up, in the list or in full.
    const listed = await runCli(['calls', '--data-dir', dataDir, '--limit', '1']);
    expect(listed.stdout).toMatch(/^#1 {2}\d\d:\d\d:\d\d {2}\(request head unfinished\) {2}not a Flowent call/);
    const inFull = await runCli(['calls', '1', '--data-dir', dataDir]);
    expect(inFull.stdout).toContain('Request:  (request head unfinished)  from 127.0.0.1');
    expect(inFull.stdout).toContain(`problem: The request's headers did not arrive within 10 s (${sent.length} bytes of them had come).`);
    expect(inFull.stdout).not.toContain('/actions/stalled');
  }, 60_000);

  it('with --host 0.0.0.0, prints the webhook URL on each of the machine’s network addresses', async () => {
    const server = await serve(['--port', '0', '--host', '0.0.0.0', '--data-dir', tempDir()]);
    const port = Number(new URL(server.baseUrl).port);
    const expected = lanAddresses(networkInterfaces(), port);
    const printed = [...server.output().matchAll(/^ {2}LAN URL: +(\S+)/gm)].map((match) => match[1]);
    if (expected.length === 0) expect(server.output()).toMatch(/LAN URL: +none: this machine has no network address/);
    else expect(printed).toEqual(expected.map((address) => `${address.baseUrl}/actions/<action_name>`));
    // Each one reaches the companion.
    for (const address of expected)
      expect((await post(`${address.baseUrl}/actions/send_email`, signedBody(flowentPayload('send_email'), KEY))).status).toBe(200);
  });

  it('stops cleanly on Ctrl-C (SIGINT)', async () => {
    const server = await serve(['--port', '0', '--data-dir', tempDir()]);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/Stopped\./);
  });

  it('says how to set the key when FLOWENT_HMAC_KEY is missing', async () => {
    const server = await serve(['--port', '0', '--data-dir', tempDir()], { FLOWENT_HMAC_KEY: '' });
    expect(server.output()).toMatch(/HMAC key: +not set.*Set FLOWENT_HMAC_KEY/);
  });

  it('keeps every answered call after kill -9 and a restart', async () => {
    const dataDir = tempDir();
    const server = await serve(['--port', '0', '--data-dir', dataDir]);
    const answered: number[] = [];
    for (let i = 0; i < 40; i++) {
      const response = await post(`${server.baseUrl}/actions/count_me`, signedBody(flowentPayload('count_me', { i }), KEY));
      if (response.status === 200) answered.push(i);
    }
    server.child.kill('SIGKILL');
    await server.exited;
    expect(answered).toHaveLength(40);

    const listed = await runCli(['calls', '--json', '--data-dir', dataDir, '--limit', '1000']);
    expect(listed.code).toBe(0);
    const calls = listed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(calls).toHaveLength(40);
    expect(calls.every((call) => call.verdict === 'valid' && call.status === 200)).toBe(true);

    const again = await serve(['--port', '0', '--data-dir', dataDir]);
    await post(`${again.baseUrl}/actions/count_me`, signedBody(flowentPayload('count_me'), KEY));
    await again.waitFor(/count_me {2}valid/);
    const after = await runCli(['calls', '--json', '--data-dir', dataDir, '--limit', '1000']);
    expect(after.stdout.trim().split('\n')).toHaveLength(41);
  });

  it('names the busy port and the flag to change it, and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => void blocker.close());
    const port = (blocker.address() as { port: number }).port;
    const result = await runCli(['serve', '--port', String(port), '--data-dir', tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(result.stderr).toContain('--port');
  });
});

describe('flowent-companion calls', () => {
  it('prints stored calls newest first, filtered by action and limited, as text or JSON lines', async () => {
    const dataDir = tempDir();
    const server = await serve(['--port', '0', '--data-dir', dataDir]);
    for (const action of ['first_action', 'second_action', 'first_action']) {
      await post(`${server.baseUrl}/actions/${action}`, signedBody(flowentPayload(action), KEY));
    }
    server.child.kill('SIGTERM');
    await server.exited;

    const json = await runCli(['calls', '--json', '--data-dir', dataDir]);
    const calls = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(calls.map((c) => c.action)).toEqual(['first_action', 'second_action', 'first_action']);
    expect(calls[0]).toEqual(
      expect.objectContaining({
        id: 3,
        method: 'POST',
        path: '/actions/first_action',
        action: 'first_action',
        test: false,
        verdict: 'valid',
        style: expect.any(String),
        status: 200,
        durationMs: expect.any(Number),
      }),
    );
    expect(new Date(calls[0]?.receivedAt as string).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const filtered = await runCli(['calls', '--json', '--data-dir', dataDir, '--action', 'first_action', '--limit', '1']);
    expect(
      filtered.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).id),
    ).toEqual([3]);

    const text = await runCli(['calls', '--data-dir', dataDir]);
    expect(text.stdout.split('\n')[0]).toMatch(/^#3 +\d\d:\d\d:\d\d {2}first_action {2}valid/);
  });

  it("filters by source: a call imported from a HAR file is listed apart from Flowent's", async () => {
    const dataDir = tempDir();
    const server = await serve(['--port', '0', '--data-dir', dataDir]);
    await post(`${server.baseUrl}/actions/first_action`, signedBody(flowentPayload('first_action'), KEY));
    server.child.kill('SIGTERM');
    await server.exited;
    const har = join(dataDir, 'one.har');
    const entry = {
      startedDateTime: '2026-01-01T00:00:00.000Z',
      time: 3,
      request: {
        method: 'POST',
        url: 'https://hooks.example.com/actions/from_file',
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        postData: { mimeType: 'application/json', text: signedBody(flowentPayload('from_file'), KEY) },
      },
      response: { status: 500, headers: [], content: { text: '' } },
    };
    writeFileSync(har, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: [entry] } }));
    expect((await runCli(['import', har, '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY })).code).toBe(0);

    const lines = async (...args: string[]) =>
      (await runCli(['calls', '--json', '--data-dir', dataDir, ...args])).stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect((await lines('--source', 'import')).map((c) => [c.action, c.source, c.failed])).toEqual([['from_file', 'import', true]]);
    expect((await lines('--source', 'flowent')).map((c) => [c.action, c.source, c.failed])).toEqual([['first_action', 'flowent', false]]);
    const text = await runCli(['calls', '--data-dir', dataDir]);
    // From another day: with its date (on 1 January 2026 itself, the time alone).
    expect(text.stdout).toMatch(/^#2 +(2026-01-01 )?00:00:00 {2}from_file \[imported\] {2}valid/m);
    expect(text.stdout).toMatch(/^#1 +\d\d:\d\d:\d\d {2}first_action {2}valid/m);
    const none = await runCli(['calls', '--data-dir', dataDir, '--source', 'replay']);
    expect(none.stderr).toMatch(/No calls stored.* from source replay/);
  });

  it('says there is nothing yet in an empty history', async () => {
    const dataDir = tempDir();
    expect((await runCli(['mocks', 'clear', '--all', '--data-dir', dataDir])).code).toBe(0);
    const result = await runCli(['calls', '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/No calls stored.*flowent-companion serve/);
  });

  it('says how a call of the source asked for is stored: a serve stores no replay', async () => {
    const dataDir = tempDir();
    expect((await runCli(['mocks', 'clear', '--all', '--data-dir', dataDir])).code).toBe(0);
    const advice = {
      flowent: 'Start "flowent-companion serve" and point a Flowent action at it',
      replay: 'Replay a stored call with "flowent-companion replay <id>"',
      simulator: 'Simulate one with "flowent-companion send <action>"',
      import: 'Import a HAR file with "flowent-companion import <file.har>".',
    };
    for (const [source, words] of Object.entries(advice)) {
      const result = await runCli(['calls', '--data-dir', dataDir, '--source', source]);
      expect(result.code, source).toBe(0);
      expect(result.stderr, source).toContain(`from source ${source}. ${words}`);
      if (source !== 'flowent') expect(result.stderr, source).not.toContain('serve');
    }
  });
});

describe('command-line usage', () => {
  const usageCases: [string[], RegExp][] = [
    [['serve', '--prot', '1'], /--prot is not an option of this command/],
    [['serve', '--port', 'eighty'], /--port must be a whole number from 0 to 65535/],
    [['serve', '--port', '70000'], /--port must be a whole number/],
    [['serve', '--port'], /--port needs a value/],
    [['serve', '--body-limit', 'huge'], /--body-limit must be a size/],
    [['calls', '--limit', '0'], /--limit must be a whole number from 1 to 10000/],
    [['calls', '--action', 'Bad-Name'], /--action: "Bad-Name" is not an action name/],
    [['calls', '--source', 'elsewhere'], /--source must be one of flowent, replay, simulator, import, not "elsewhere"/],
    [['launch'], /unknown command "launch"/],
  ];
  for (const [args, message] of usageCases) {
    it(`${args.join(' ')} -> exit 2 with a clear message`, async () => {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    });
  }

  it('--help works for every command', async () => {
    const main = await runCli(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/serve.*\n.*calls/s);
    for (const command of ['serve', 'calls']) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`Usage: flowent-companion ${command}`));
    }
  });

  it("help <command> prints that command's help, for every command", async () => {
    const commands = Object.entries(COMMANDS);
    const asked = await Promise.all(commands.map(([name]) => runCli(['help', name])));
    for (const [i, [name, { load }]] of commands.entries()) {
      expect(asked[i]!.code, name).toBe(0);
      expect(asked[i]!.stdout, name).toBe((await load()).help);
    }
    expect((await runCli(['help'])).stdout).toBe((await runCli(['--help'])).stdout);
    const unknown = await runCli(['help', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "nope"/);
  });

  it('serve --help lines its environment variables up in one column', async () => {
    const help = (await runCli(['serve', '--help'])).stdout;
    const environment = help.slice(help.indexOf('Environment:'));
    const columns = [...environment.matchAll(/^ {2}[A-Z_<>]+( +)\S/gm)].map((match) => match[0].length);
    expect(columns.length).toBeGreaterThanOrEqual(5);
    expect(new Set(columns).size).toBe(1);
  });

  it('export --help names the headers an export redacts, as the exporter decides them', async () => {
    const help = (await runCli(['export', '--help'])).stdout.replace(/\s+/g, ' ');
    const named = ['Authorization', 'Proxy-Authorization', 'Cookie', 'Set-Cookie', 'X-Api-Key'];
    for (const name of named) {
      expect(isCredentialHeader(name), name).toBe(true);
      expect(help).toContain(` ${name}`);
    }
    for (const example of ['X-Auth-Token', 'X-Client-Secret', 'X-Goog-Api-Key', 'X-Db-Password'])
      expect(isCredentialHeader(example)).toBe(true);
    expect(help).toContain('any header named *-Token, *-Secret, *-Api-Key or *-Password');
  });
});
