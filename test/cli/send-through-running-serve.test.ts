// `send` and `replay` without --target, for an action no answers setting names a handler for,
// go through the one serve running on the same data folder, as Flowent would reach it: a serve
// started with --forward forwards the call to the developer's handler, a serve without one
// answers from its mock. The call is stored once, and a line says where it went and what the
// serve does with it. With no serve, or several that could be meant, the refusal stands.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postSigned } from '../helpers/flowent-signer';
import { startHandler, type HandlerProcess } from '../helpers/handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const KEY = 'send-through-running-serve-key';
const { cleanups, tempDir } = cleanupsPerTest();

async function serve(args: string[], cwd?: string): Promise<ServeProcess> {
  const project = cwd === undefined ? [] : ['--project', cwd];
  const server = await startServe(['--port', '0', '--no-inspector', ...project, ...args], { FLOWENT_HMAC_KEY: KEY });
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

async function handler(): Promise<HandlerProcess> {
  const started = await startHandler();
  cleanups.push(() => started.stop());
  return started;
}

const send = (dataDir: string, action: string, cwd?: string) =>
  runCli(['send', action, '--params', '{"to":"a@b.c"}', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY }, { cwd });

async function storedSources(dataDir: string): Promise<string[]> {
  const listed = await runCli(['calls', '--json', '--data-dir', dataDir]);
  return listed.stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { source: string }).source);
}

describe('send without --target while a serve forwards (serve --forward)', () => {
  it("goes through the serve's webhook to the handler, shows the handler's answer, and is stored once", async () => {
    const dataDir = tempDir();
    const developer = await handler();
    const server = await serve(['--forward', developer.target, '--data-dir', dataDir]);

    const sent = await send(dataDir, 'send_email');
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain(`Sent #1 to ${server.baseUrl}/actions/send_email (signed, python style)`);
    expect(sent.stdout).toContain(
      `  via:     the serve at ${server.baseUrl} (no handler is set here)\n  forwarded to your handler at http://127.0.0.1:${developer.port}/actions/send_email, behind this companion's webhook\n`,
    );
    expect(sent.stdout).toContain('  answer:  200 {"result":"handled send_email","error":""}');
    expect(sent.stdout).toContain("verdict: the answer meets Flowent's contract");

    // The handler got it from the serve, and the history holds it once, as a simulated call.
    const received = await developer.received();
    expect(received.map((request) => request.url)).toEqual(['/actions/send_email']);
    expect(JSON.parse(received[0]!.body.toString())).toMatchObject({ action_name: 'send_email', parameters: { to: 'a@b.c' } });
    expect(await storedSources(dataDir)).toEqual(['simulator']);
    await server.waitFor(/ send_email \[simulated\] /);
  });

  it('replays a stored call the same way, saying where it went first', async () => {
    const dataDir = tempDir();
    const developer = await handler();
    const server = await serve(['--forward', developer.target, '--data-dir', dataDir]);
    expect((await postSigned(server.baseUrl, 'send_email', { n: 1 }, KEY)).status).toBe(200);

    const replayed = await runCli(['replay', '1', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stdout).toContain(
      `Replaying through the serve at ${server.baseUrl}, which forwards to http://127.0.0.1:${developer.port}/actions/send_email (no handler is set here).\n`,
    );
    expect(replayed.stdout).toContain('1 replayed: 1 passed, 0 passed with a changed answer, 0 failed.');
    expect((await developer.received()).length).toBe(2);
    expect((await storedSources(dataDir)).sort()).toEqual(['flowent', 'replay']);
  });
});

describe('replay --probe-styles without --target while a serve forwards', () => {
  it("probes the handler the serve forwards to, saying so, and stores the probe's requests once each", async () => {
    const dataDir = tempDir();
    const developer = await handler();
    const server = await serve(['--forward', developer.target, '--data-dir', dataDir]);
    expect((await postSigned(server.baseUrl, 'send_email', { n: 1 }, KEY)).status).toBe(200);

    const probed = await runCli(['replay', '1', '--probe-styles', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    expect(probed.stderr).toContain(`No handler is set here: probing the one the serve at ${server.baseUrl} forwards to.\n`);
    expect(probed.stdout).toContain(`Probed your handler at http://127.0.0.1:${developer.port}/actions/send_email with call #1:`);
    // This handler accepts any signature: the probe says so, and a CI step fails.
    expect(probed.stdout).toMatch(/ACCEPTED +wrong signature/);
    expect(probed.code).toBe(1);
    // Sent straight to the handler, not through the serve: each request stored once, as a replay.
    const sent = (await developer.received()).length - 1;
    expect(sent).toBeGreaterThan(1);
    expect((await storedSources(dataDir)).filter((source) => source === 'replay')).toHaveLength(sent);
  });

  it("is refused when the action's mode is mock: the serve never reaches a handler with it", async () => {
    const dataDir = tempDir();
    const developer = await handler();
    expect((await runCli(['targets', 'mode', 'send_email', 'mock', '--data-dir', dataDir])).code).toBe(0);
    const server = await serve(['--forward', developer.target, '--data-dir', dataDir]);
    expect((await postSigned(server.baseUrl, 'send_email', { n: 1 }, KEY)).status).toBe(200);
    const probed = await runCli(['replay', '1', '--probe-styles', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    expect(probed.code).toBe(1);
    expect(probed.stderr).not.toContain('probing the one');
    expect(await developer.received()).toEqual([]);
  });
});

describe('send without --target while a serve answers from its mock', () => {
  it("goes through the serve's webhook and shows its mock's answer", async () => {
    const dataDir = tempDir();
    const server = await serve(['--data-dir', dataDir]);
    const sent = await send(dataDir, 'send_email');
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain(`Sent #1 to ${server.baseUrl}/actions/send_email`);
    expect(sent.stdout).toContain(`  via:     the serve at ${server.baseUrl}, which answers from its mock (no handler is set here)\n`);
    expect(sent.stdout).toMatch(/\n {2}answer: {2}200 \{/);
    expect(await storedSources(dataDir)).toEqual(['simulator']);
  });

  it('for an action whose mode is mock too, while the serve forwards the others', async () => {
    const dataDir = tempDir();
    const developer = await handler();
    expect((await runCli(['targets', 'mode', 'send_email', 'mock', '--data-dir', dataDir])).code).toBe(0);
    const server = await serve(['--forward', developer.target, '--data-dir', dataDir]);
    const sent = await send(dataDir, 'send_email');
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain(`  via:     the serve at ${server.baseUrl}, which answers from its mock (no handler is set here)\n`);
    expect(await developer.received()).toEqual([]);
  });
});

describe('send without --target through a serve answering from a project', () => {
  it("names the answer file whose mock answered: the action's own, else _default.yaml", async () => {
    const dataDir = tempDir();
    const project = tempDir();
    mkdirSync(join(project, 'flowent', 'answers'), { recursive: true });
    writeFileSync(
      join(project, 'flowent', 'answers', 'send_email.yaml'),
      'version: 1\nresponses:\n  - status: 200\n    body: {result: "from the file", error: ""}\n',
    );
    writeFileSync(
      join(project, 'flowent', 'answers', '_default.yaml'),
      'version: 1\nresponses:\n  - status: 200\n    body: {result: "from the default", error: ""}\n',
    );
    const server = await serve(['--data-dir', dataDir], project);
    const sent = await send(dataDir, 'send_email', project);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain(
      `  via:     the serve at ${server.baseUrl}, which answers from flowent/answers/send_email.yaml (no handler is set here)\n`,
    );
    expect(sent.stdout).toContain('"result":"from the file"');

    const other = await send(dataDir, 'lookup_order', project);
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).toContain(`which answers from flowent/answers/_default.yaml (no handler is set here)`);
    expect(other.stdout).toContain('"result":"from the default"');
  });

  it("replay names the same files: the one action's, or each action's when the calls are of several", async () => {
    const dataDir = tempDir();
    const project = tempDir();
    mkdirSync(join(project, 'flowent', 'answers'), { recursive: true });
    writeFileSync(join(project, 'flowent', 'answers', 'send_email.yaml'), 'version: 1\nstatus: 200\nbody: {result: "file", error: ""}\n');
    writeFileSync(join(project, 'flowent', 'answers', '_default.yaml'), 'version: 1\nstatus: 200\nbody: {result: "default", error: ""}\n');
    const server = await serve(['--data-dir', dataDir], project);
    expect((await postSigned(server.baseUrl, 'send_email', { n: 1 }, KEY)).status).toBe(200);
    expect((await postSigned(server.baseUrl, 'lookup_order', { n: 2 }, KEY)).status).toBe(200);
    const replay = (...args: string[]) => runCli(['replay', ...args, '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY }, { cwd: project });
    const through = `Replaying through the serve at ${server.baseUrl}, which`;

    const byId = await replay('1');
    expect(byId.code, byId.stderr).toBe(0);
    expect(byId.stdout).toContain(`${through} answers from flowent/answers/send_email.yaml (no handler is set here).\n`);
    const byAction = await replay('--action', 'lookup_order');
    expect(byAction.code, byAction.stderr).toBe(0);
    expect(byAction.stdout).toContain(`${through} answers from flowent/answers/_default.yaml (no handler is set here).\n`);
    const both = await replay('1', '2');
    expect(both.code, both.stderr).toBe(0);
    expect(both.stdout).toContain(
      `${through} answers send_email from flowent/answers/send_email.yaml, lookup_order from flowent/answers/_default.yaml (no handler is set here).\n`,
    );
  });

  it('says the built-in answer answered, in the words used everywhere else, with one aside', async () => {
    const dataDir = tempDir();
    const project = tempDir();
    mkdirSync(join(project, 'flowent', 'answers'), { recursive: true });
    const server = await serve(['--data-dir', dataDir], project);
    const sent = await send(dataDir, 'make_note', project);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain(
      `  via:     the serve at ${server.baseUrl}, which gives the built-in answer, as no file in flowent/answers holds a mock for make_note (no handler is set here)\n`,
    );
  });
});

describe('send without --target is still refused', () => {
  it('when two serves run on the data folder: which one is meant is not guessed, and both are named', async () => {
    const dataDir = tempDir();
    const developer = await handler();
    const first = await serve(['--forward', developer.target, '--data-dir', dataDir]);
    const second = await serve(['--forward', developer.target, '--data-dir', dataDir]);
    const refused = await send(dataDir, 'send_email');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('There is no handler to send action send_email to. Pass --target <url>');
    expect(refused.stderr).toContain('Not sent through a running companion, as more than one could be meant:');
    expect(refused.stderr).toContain(
      `the serve at ${first.baseUrl} forwards send_email to http://127.0.0.1:${developer.port}/actions/send_email (its --forward)`,
    );
    expect(refused.stderr).toContain(
      `the serve at ${second.baseUrl} forwards send_email to http://127.0.0.1:${developer.port}/actions/send_email (its --forward)`,
    );
    expect(await developer.received()).toEqual([]);
    expect(await storedSources(dataDir)).toEqual([]);
  });

  it("when the only serve answers from another project's files than the folder send runs in", async () => {
    const dataDir = tempDir();
    const elsewhere = tempDir();
    mkdirSync(join(elsewhere, 'flowent', 'answers'), { recursive: true });
    writeFileSync(
      join(elsewhere, 'flowent', 'answers', '_default.yaml'),
      'version: 1\nmode: mock\nresponses:\n  - status: 200\n    body: {result: "mocked", error: ""}\n',
    );
    const server = await serve(['--data-dir', dataDir], elsewhere);
    const refused = await send(dataDir, 'send_email');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Not sent through a running companion, as none answers from the answers this command uses: the serve at ${server.baseUrl} answers from ${join(elsewhere, 'flowent')}/answers.`,
    );
  });

  it('when two serves run and only one forwards: each is said with what it does with the action, and the one that mocks it is offered', async () => {
    const dataDir = tempDir();
    const developer = await handler();
    const forwarding = await serve(['--forward', developer.target, '--data-dir', dataDir]);
    const mocking = await serve(['--data-dir', dataDir]);
    const refused = await send(dataDir, 'send_email');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Not sent through a running companion, as more than one could be meant: ` +
        [
          `the serve at ${mocking.baseUrl} answers send_email from its mock`,
          `the serve at ${forwarding.baseUrl} forwards send_email to http://127.0.0.1:${developer.port}/actions/send_email (its --forward)`,
        ].join('; '),
    );
    expect(refused.stderr).not.toContain("answers from the history folder's answers");
    expect(refused.stderr).toContain(
      `--target ${mocking.baseUrl}/actions/send_email for the mock of the companion running there to answer it (it mocks this action).`,
    );
  });

  it('when no serve runs on the data folder: says so, and what to do', async () => {
    const dataDir = tempDir();
    const refused = await send(dataDir, 'send_email');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('There is no handler to send action send_email to. Pass --target <url>');
    expect(refused.stderr).toContain(
      `No serve is running on the data folder ${dataDir}, so none could answer the call from its mock (or forward it): ` +
        `start "flowent-companion serve --data-dir ${dataDir}" and run this again, or pass --target <url>.`,
    );
  });
});
