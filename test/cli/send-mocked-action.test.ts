// `send` and `replay` without --target go where serve would send the call. An action its mock
// answers (mode mock, from `targets mode` or a project file) has no handler there: with no serve
// running to go through, the command says so and sends nothing, rather than sending it to the
// default's handler as if serve did.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayRefusalInWords } from '../../main/cli/replay-cli-shared';
import { postSigned } from '../helpers/flowent-signer';
import { runInProcess } from '../helpers/in-process-cli';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const KEY = 'send-mocked-action-key';
const { cleanups, tempDir } = cleanupsPerTest();

/** A handler address nothing listens on: a call sent there is stored, with the refusal. */
const NOWHERE = 'http://127.0.0.1:9/actions/{action_name}';

describe('send to an action its mock answers', () => {
  it('refuses without --target (exit 1), stores nothing, and still sends an action that forwards', async () => {
    const dataDir = tempDir();
    const run = (args: string[]) => runInProcess([...args, '--data-dir', dataDir], { env: { FLOWENT_HMAC_KEY: KEY }, cwd: dataDir });
    expect((await run(['targets', 'set', '--default', NOWHERE])).code).toBe(0);
    expect((await run(['targets', 'mode', 'send_email', 'mock'])).code).toBe(0);

    const refused = await run(['send', 'send_email', '--params', '{}']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(
      "Action send_email is answered by the companion itself (its answers' mode is mock), so it has no handler to send to. Pass --target <url> to send it to a handler.",
    );
    const replayedNothing = await run(['calls']);
    expect(replayedNothing.stdout).toBe('');

    // Another action still goes to the default's handler, as serve sends it.
    const other = await run(['send', 'other', '--params', '{}']);
    expect(other.stdout).toContain('Sent #1 to http://127.0.0.1:9/actions/other');
    // And --target sends the mocked action where it is told.
    const told = await run(['send', 'send_email', '--params', '{}', '--target', NOWHERE]);
    expect(told.stdout).toContain('Sent #2 to http://127.0.0.1:9/actions/send_email');
  });

  it('refuses for an answer file that says mode: mock, in the folder that holds flowent/', async () => {
    const project = tempDir();
    const dataDir = tempDir();
    mkdirSync(join(project, 'flowent', 'answers'), { recursive: true });
    writeFileSync(join(project, 'flowent', 'answers', '_default.yaml'), `version: 1\nmode: forward\nforward: ${NOWHERE}\n`);
    writeFileSync(
      join(project, 'flowent', 'answers', 'send_email.yaml'),
      'version: 1\nmode: mock\nresponses:\n  - status: 200\n    body: {result: "mocked", error: ""}\n',
    );
    const sent = await runInProcess(['send', 'send_email', '--params', '{}', '--data-dir', dataDir], {
      env: { FLOWENT_HMAC_KEY: KEY },
      cwd: project,
    });
    expect(sent.code, sent.stdout).toBe(1);
    expect(sent.stderr).toContain('Action send_email is answered by the companion itself');
  });

  // With one serve running, the call goes through it (see send-through-running-serve.test.ts);
  // with two, which one is meant is not guessed, and the refusal names a webhook to choose.
  it("names a running serve's webhook on this data folder as a target where the mock answers", async () => {
    const dataDir = tempDir();
    expect((await runCli(['targets', 'mode', 'send_email', 'mock', '--data-dir', dataDir])).code).toBe(0);
    const servers = [await serve(['--data-dir', dataDir]), await serve(['--data-dir', dataDir])];
    const refused = await runCli(['send', 'send_email', '--params', '{}', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `Pass --target <url> to send it to a handler, or --target ${eitherOf(servers)}/actions/send_email for the mock of the companion running there to answer it \\(it mocks this action\\)\\.`,
      ),
    );
  });

  it("names a running serve's webhook where its mock answers because no handler target is set, for send and replay alike", async () => {
    const dataDir = tempDir();
    const servers = [await serve(['--data-dir', dataDir]), await serve(['--data-dir', dataDir])];
    const words = new RegExp(
      'There is no handler to send action send_email to\\. Pass --target <url>, or run "flowent-companion targets set send_email <url>", ' +
        `or --target ${eitherOf(servers)}/actions/send_email for the mock of the companion running there to answer it \\(it mocks this action\\)\\.`,
    );
    const refused = await runCli(['send', 'send_email', '--params', '{}', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(words);

    // A call from Flowent, answered by that mock, replayed without a target: the same words.
    expect((await postSigned(servers[0]!.baseUrl, 'send_email', {}, KEY)).status).toBe(200);
    const replayed = await runCli(['replay', '1', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    expect(replayed.code).toBe(1);
    expect(replayed.stderr).toMatch(words);
  });

  it('does not name the webhook of a serve that forwards the action (serve --forward) as one whose mock answers it', async () => {
    const dataDir = tempDir();
    await serve(['--forward', NOWHERE, '--data-dir', dataDir]);
    await serve(['--forward', NOWHERE, '--data-dir', dataDir]);
    const refused = await runCli(['send', 'send_email', '--params', '{}', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'There is no handler to send action send_email to. Pass --target <url>, or run "flowent-companion targets set send_email <url>".',
    );
    expect(refused.stderr).not.toContain('for the mock of the companion running there');
  });

  it('names the webhook in a project folder too, after the answer file to write', () => {
    const project = tempDir();
    mkdirSync(join(project, 'flowent', 'answers'), { recursive: true });
    const refusal = { ok: false, code: 'no-target', action: 'send_email', webhook: 'http://127.0.0.1:8787/actions/send_email' } as const;
    expect(replayRefusalInWords(refusal, join(project, 'flowent'))).toBe(
      'There is no handler to send action send_email to. Pass --target <url>, or write "mode: forward" and "forward: <url>" into ' +
        `${join(project, 'flowent', 'answers', 'send_email.yaml')}, or --target http://127.0.0.1:8787/actions/send_email for the mock of the companion running there to answer it (it mocks this action).`,
    );
  });
});

/** A pattern matching the base URL of any of the serves. */
function eitherOf(servers: ServeProcess[]): string {
  return `(?:${servers.map((server) => server.baseUrl.replace(/[.]/g, '\\.')).join('|')})`;
}

async function serve(args: string[]): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', '--no-inspector', ...args], { FLOWENT_HMAC_KEY: KEY });
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return server;
}
