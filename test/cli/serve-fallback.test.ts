import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { steadyPort } from '../helpers/steady-port';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const KEY = 'fallback-cli-key';
const { cleanups, tempDir } = cleanupsPerTest();

async function serve(args: string[]): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', '--no-inspector', ...args], { FLOWENT_HMAC_KEY: KEY });
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

async function call(server: ServeProcess, action: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${server.baseUrl}/actions/${action}`, {
    method: 'POST',
    body: signedBody(flowentPayload(action), KEY),
    headers: { 'content-type': 'application/json' },
  });
  return { status: response.status, json: await response.json() };
}

/** A handler that answers every call, listening on `port` from now on. */
async function handlerOn(port: number): Promise<Server> {
  const handler = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ result: 'from the handler', error: '' }));
  });
  await new Promise<void>((resolve) => handler.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => handler.close(() => resolve())));
  return handler;
}

const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;

describe('serve --fallback-to-mock when the handler gives no answer', () => {
  it('says on each line that the mock answered and why, warns once, and says when the handler answers again', async () => {
    const dataDir = tempDir();
    // Free now, and nothing listens on it until the handler is started below.
    const port = await steadyPort();
    const target = `http://127.0.0.1:${port}/actions/{action_name}`;
    expect((await runCli(['targets', 'set', 'send_email', target, '--data-dir', dataDir])).code).toBe(0);
    const mock = join(dataDir, 'mock.json');
    writeFileSync(mock, JSON.stringify({ body: { result: 'from the mock', error: '' } }));
    expect((await runCli(['mocks', 'set', 'send_email', '--file', mock, '--data-dir', dataDir])).code).toBe(0);

    const server = await serve(['--data-dir', dataDir, '--fallback-to-mock']);
    // The banner says where calls go, saved targets included, and that the fallback is on.
    expect(server.output()).toContain(
      `  Answers:      send_email: forwarded to ${target} (its saved target)\n` +
        '                every other action: the mocks (no handler target is saved: "targets set" or --forward sets one)\n' +
        "  Forwarding:   timeout 30000 ms; fallback to the mock is on: when a handler gives no answer, the mock answers and the call's line says why\n",
    );

    expect(await call(server, 'send_email')).toEqual({ status: 200, json: { result: 'from the mock', error: '' } });
    const refused = `Your handler at http://127.0.0.1:${port}/actions/send_email refused the connection: nothing is listening on 127.0.0.1:${port}. Start your handler, or check the port.`;
    await server.waitFor(
      new RegExp(
        'Forwarding: your handler gave send_email no answer, so the mock answers in its place \\(--fallback-to-mock\\) until it does; each such call says why\\.\n' +
          '\\d\\d:\\d\\d:\\d\\d {2}send_email {2}valid \\(\\S+\\) {2}200 from the mock: your handler gave no answer {2}[\\d.]+ ms\n' +
          ` {2}forwarding failed: ${escape(refused)}\n`,
      ),
    );
    // Warned once: the second call's line says it, with no second warning.
    await call(server, 'send_email');
    await server.waitFor(/(200 from the mock: your handler gave no answer[^\n]*\n {2}forwarding failed: [^\n]*\n[^]*){2}/);
    expect(count(server.output(), /Forwarding: your handler gave send_email no answer/)).toBe(1);

    await handlerOn(port);
    expect(await call(server, 'send_email')).toEqual({ status: 200, json: { result: 'from the handler', error: '' } });
    await server.waitFor(/Forwarding: your handler answers send_email again\.\n\d\d:\d\d:\d\d {2}send_email {2}valid \(\S+\) {2}200 {2}/);

    // The history says the same, in text and in JSON.
    const listed = await runCli(['calls', '--data-dir', dataDir]);
    expect(listed.stdout).toMatch(
      new RegExp(
        `#1 {2}\\S+ {2}send_email {2}valid \\(\\S+\\) {2}200 from the mock: your handler gave no answer {2}[\\d.]+ ms\n {2}forwarding failed: ${escape(refused)}\n`,
      ),
    );
    expect(listed.stdout).toMatch(/#3 {2}\S+ {2}send_email {2}valid \(\S+\) {2}200 {2}/);
    const rows = (await runCli(['calls', '--json', '--data-dir', dataDir])).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { answeredBy: string; forwardError: string | null });
    expect(rows.map((row) => [row.answeredBy, row.forwardError])).toEqual([
      ['forward', null],
      ['fallback-mock', refused],
      ['fallback-mock', refused],
    ]);
  });

  it('the banner names the saved default target, and --forward when nothing saved overrides it', async () => {
    const dataDir = tempDir();
    const saved = 'http://127.0.0.1:9/actions/{action_name}';
    expect((await runCli(['targets', 'set', '--default', saved, '--data-dir', dataDir])).code).toBe(0);
    const withDefault = await serve(['--data-dir', dataDir, '--forward-timeout', '2000']);
    expect(withDefault.output()).toContain(
      `  Answers:      every action: forwarded to ${saved} (the saved default target)\n` +
        '  Forwarding:   timeout 2000 ms; fallback to the mock is off: a handler that gives no answer gets a 502 (504 when too slow)\n',
    );

    const fresh = tempDir();
    const startup = 'http://127.0.0.1:8000/actions/{action_name}';
    const forwarded = await serve(['--data-dir', fresh, '--forward', startup]);
    expect(forwarded.output()).toContain(`  Answers:      every action: forwarded to ${startup} (--forward, for this run)\n`);

    const mocks = await serve(['--data-dir', tempDir()]);
    expect(mocks.output()).toContain('  Answers:      every action: the mocks (no handler target is saved');
    expect(mocks.output()).not.toContain('Forwarding:');

    // A timeout given while nothing forwards is said to apply to no handler yet, not taken in silence.
    const timedMocks = await serve(['--data-dir', tempDir(), '--forward-timeout', '100']);
    expect(timedMocks.output()).toContain(
      '  Forwarding:   timeout 100 ms, for no handler yet: nothing forwards now; it applies to any action set to forward while this runs\n',
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
