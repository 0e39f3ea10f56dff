import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { closedPort, handlerUrl, startHandler, type HandlerProcess } from '../helpers/handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// What serve, `calls` and `send` say of a call, in the words the page's details say it with:
// a registration check judged by its status alone, a handler that never answered said as that
// (not as a problem with an answer), and why some styles of a valid call are unchecked.
const KEY = 'page-words-key';
const dataDir = makeTempDir();
let handler: HandlerProcess | undefined;
let serve: ServeProcess | undefined;

/** Posts a body to the serve's webhook for `action` and waits for its line. */
async function post(action: string, body: string): Promise<void> {
  const answer = await fetch(`${serve!.baseUrl}/actions/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await answer.arrayBuffer();
}

const unsignedCheck = (action: string) => JSON.stringify(flowentPayload(action, {}, { test: true }));

/** The lines serve printed from the line naming `marker` up to the next call's line. */
function serveLinesFrom(marker: RegExp): string[] {
  const lines = serve!.stdout().split('\n');
  const start = lines.findIndex((line) => marker.test(line));
  expect(start, serve!.stdout()).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('  '));
  return lines.slice(start, end === -1 ? undefined : end);
}

beforeAll(async () => {
  handler = await startHandler();
  const downUrl = `http://127.0.0.1:${await closedPort()}/actions/{action_name}`;
  serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir.path], { FLOWENT_HMAC_KEY: KEY });
  for (const [action, target] of [
    ['down_action', downUrl],
    ['garbage', handlerUrl(handler, 'garbage')],
  ] as const) {
    const set = await runCli(['targets', 'set', action, target, '--data-dir', dataDir.path]);
    expect(set.code, set.stderr).toBe(0);
  }
  // 1: a call to a handler that is down; 2: Flowent's registration check to it; 3: the check
  // answered 200 with an HTML page; 4: a valid call whose check stopped at its first matching
  // style; 5: a registration check signed with another key, answered 200.
  await post('down_action', signedBody(flowentPayload('down_action'), KEY));
  await serve.waitFor(/down_action {2}valid/);
  await post('down_action', unsignedCheck('down_action'));
  await serve.waitFor(/down_action \[registration check\]/);
  await post('garbage', unsignedCheck('garbage'));
  await serve.waitFor(/garbage \[registration check\]/);
  await post('send_email', signedBody(flowentPayload('send_email', { subject: 'Hi <b>é</b>', recipient: 'a@b.c' }), KEY));
  await serve.waitFor(/send_email {2}valid/);
  await post('send_email', signedBody(flowentPayload('send_email', {}, { test: true }), 'another-key'));
  await serve.waitFor(/send_email \[registration check\] {2}INVALID/);
}, 60_000);

afterAll(() => stopServeAndFolder(serve, dataDir, handler));

const NEVER_ANSWERED =
  /^ {2}Your handler never answered: Your handler at http:\/\/127\.0\.0\.1:\d+\/actions\/down_action refused the connection/;

describe('a handler that never answered', () => {
  it('is said as the page heads it, not as a `!` line of what an answer breaks (serve and calls)', async () => {
    const served = serveLinesFrom(/down_action {2}valid/);
    expect(served.slice(1)).toEqual([expect.stringMatching(NEVER_ANSWERED)]);
    const listed = await runCli(['calls', '1', '--data-dir', dataDir.path]);
    expect(listed.stdout.split('\n')[1]).toMatch(NEVER_ANSWERED);
    expect(listed.stdout).not.toMatch(/^ {2}! /m);
  });

  it('to a registration check: says the registration fails, as the page does and as for a 500', async () => {
    const served = serveLinesFrom(/down_action \[registration check\]/);
    expect(served.slice(1)).toEqual([
      '  Registration check failed: your handler refused the connection.',
      expect.stringMatching(NEVER_ANSWERED),
    ]);
    const listed = await runCli(['calls', '--action', 'down_action', '--data-dir', dataDir.path]);
    expect(listed.stdout).toContain('  Registration check failed: your handler refused the connection.\n');
  });
});

describe('a registration check answered 200 with an HTML page', () => {
  it('passes: no `!` line, not a failure, as Flowent registers the action after any 2xx', async () => {
    expect(serveLinesFrom(/garbage \[registration check\]/)).toHaveLength(1);
    const failed = await runCli(['calls', '--failed', '--json', '--data-dir', dataDir.path]);
    expect(failed.code, failed.stderr).toBe(0);
    // One JSON object a line, newest first.
    const actions = failed.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { action: string }).action);
    // A check signed with a key that does not match still counts: real calls would not match either.
    expect(actions).toEqual(['send_email', 'down_action', 'down_action']);
  });

  it('sent with `send --test`: the verdict is the registration outcome, and the exit code 0', async () => {
    const sent = await runCli(['send', 'garbage', '--test', '--target', handlerUrl(handler!, 'garbage'), '--data-dir', dataDir.path]);
    expect(sent.stdout).toContain("  verdict: Flowent's registration check would pass with this answer.\n");
    expect(sent.stdout).not.toContain('violation');
    expect(sent.code, sent.stdout).toBe(0);
  });

  it('sent with `send --test` to a handler that is down: the registration fails, exit code 1', async () => {
    const sent = await runCli(['send', 'down_action', '--test', '--data-dir', dataDir.path]);
    expect(sent.stdout).toContain('  verdict: Registration check failed: your handler refused the connection.\n');
    expect(sent.code, sent.stdout).toBe(1);
  });
});

describe('calls <id> of a valid call in a shell without the HMAC key', () => {
  it('says why styles are unchecked before what to do', async () => {
    const shown = await runCli(['calls', '4', '--data-dir', dataDir.path], { FLOWENT_HMAC_KEY: '' });
    expect(shown.code, shown.stderr).toBe(0);
    const lines = shown.stdout.split('\n');
    const hint = lines.findIndex((line) => line.startsWith('  what to do: Set the HMAC key the call was signed with'));
    expect(hint, shown.stdout).toBeGreaterThan(0);
    expect(lines[hint - 1]).toMatch(
      /^ {2}When the call arrived only the first \d+ of the 13 styles were computed .*no HMAC key is set now/,
    );
  });
});
