import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILES } from '../../main/core/data-folder';
import { postSigned } from '../helpers/flowent-signer';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { holdingHandler } from '../helpers/holding-handler';
import { runCli, startCommand, startServe, type RunningCommand, type ServeOptions } from '../helpers/spawn-cli';

// `calls --follow` in a second terminal beside a serve whose handler is slow: the call's wait is
// printed while the handler works, as serve prints it, and the stored call's line follows.
const KEY = 'calls-follow-waiting-key';
const { cleanups, tempDir, stopOnCleanup } = cleanupsPerTest();

/** A handler that holds every call until `answerAll`, at `target`; closed after the test. */
async function heldHandler() {
  const held = await holdingHandler(null);
  cleanups.push(held.close);
  return { ...held, target: `http://127.0.0.1:${held.port}/hooks/{action_name}` };
}

/** A serve on `dir` (its inspector on port 0, unless `extra` says otherwise) forwarding to `target`, waiting 20 s at most. */
async function serveForwarding(dir: string, target: string, extra: string[] = []) {
  const args = ['--port', '0', '--data-dir', dir, '--forward', target, '--forward-timeout', '20000', ...extra];
  return stopOnCleanup(await startServe(args, { FLOWENT_HMAC_KEY: KEY }));
}

const follow = async (dir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}, options: ServeOptions = {}) =>
  stopOnCleanup(await startCommand(['calls', '--follow', '--data-dir', dir, ...args], env, /Press Ctrl-C to stop\./, options));

/** Preloaded into a follow, delays the serve's event stream it reads (see the file). */
const LATE_EVENT_STREAM = resolve(__dirname, '../helpers/late-event-stream.cjs');
/** Preloaded into a follow, has the serves' inspectors refuse it one method (see the file). */
const INSPECTOR_REFUSES = resolve(__dirname, '../helpers/inspector-refuses.cjs');
/** A follow whose serves' inspectors refuse it their answer settings: a serve's limit must come from elsewhere. */
const followRefusedSettings = (dir: string, args: string[] = []) =>
  follow(dir, args, { FC_INSPECTOR_REFUSES: 'getAnswerSettings' }, { preload: INSPECTOR_REFUSES });

const waitingLine = (port: number, action: string) =>
  new RegExp(
    `^\\d\\d:\\d\\d:\\d\\d  ${action}  waiting for your handler at http://127\\.0\\.0\\.1:${port}/hooks/${action} \\(\\d+ s so far, 20 s at most\\) \\.\\.\\.$`,
    'm',
  );
const storedLine = (id: number | string, action: string) =>
  new RegExp(`^#${id}  \\d\\d:\\d\\d:\\d\\d  ${action}  valid \\(python\\)  200 `, 'm');

/**
 * A call of send_email held by `slow`, followed to the end: `following` prints its wait while the
 * handler holds it, then, once the handler answered, the call stored as #1.
 */
async function heldCallFollowed(server: { baseUrl: string }, slow: { port: number; answerAll(): void }, following: RunningCommand) {
  const answered = postSigned(server.baseUrl, 'send_email', {}, KEY);
  await following.waitFor(waitingLine(slow.port, 'send_email'), 10_000);
  slow.answerAll();
  await answered;
  await following.waitFor(storedLine(1, 'send_email'));
}

const WAITING = /waiting for your handler/;
/** A waiting line followed by the serve that holds the call, as printed while several run. */
const heldBy = (line: RegExp, baseUrl: string) =>
  new RegExp(`${line.source.slice(0, -1)}  \\(held by the serve at ${baseUrl.replace(/\./g, '\\.')}\\)$`, 'm');

/**
 * send_email sent to one serve and lookup_order to another, both held by `slow`, until `following`
 * printed each wait named with the serve that holds it; the answers to come are returned.
 */
async function twoWaitsHeard(
  following: RunningCommand,
  slow: { port: number },
  [sendEmailTo, lookupOrderTo]: [{ baseUrl: string }, { baseUrl: string }],
): Promise<Promise<Response>[]> {
  const sent = [postSigned(sendEmailTo.baseUrl, 'send_email', {}, KEY), postSigned(lookupOrderTo.baseUrl, 'lookup_order', {}, KEY)];
  await following.waitFor(heldBy(waitingLine(slow.port, 'send_email'), sendEmailTo.baseUrl), 10_000);
  await following.waitFor(heldBy(waitingLine(slow.port, 'lookup_order'), lookupOrderTo.baseUrl), 10_000);
  return sent;
}

/** The two calls of twoWaitsHeard answered: `following` prints both stored, each wait having been printed once. */
async function twoWaitsAnswered(following: RunningCommand, slow: { answerAll(): void }, sent: Promise<Response>[]) {
  slow.answerAll();
  await Promise.all(sent);
  await following.waitFor(storedLine('\\d', 'send_email'));
  await following.waitFor(storedLine('\\d', 'lookup_order'));
  expect(following.stdout().match(/^.*waiting for your handler.*$/gm)).toHaveLength(2);
}

describe('calls --follow beside a serve whose handler keeps a call waiting', () => {
  it('prints the wait as serve does, before the handler answers, then the stored call', async () => {
    const dir = tempDir();
    const slow = await heldHandler();
    const server = await serveForwarding(dir, slow.target);
    const following = await follow(dir);

    const answered = postSigned(server.baseUrl, 'send_email', { to: 'a@example.com' }, KEY);
    const [printed] = await following.waitFor(waitingLine(slow.port, 'send_email'), 10_000);
    // The handler still holds the call: nothing is stored yet.
    expect(following.stdout()).not.toMatch(/^#1 /m);
    // Word for word serve's own line.
    const [servesOwn] = await server.waitFor(waitingLine(slow.port, 'send_email'));
    expect(printed?.replace(/\d+ s so far/, '')).toBe(servesOwn?.replace(/\d+ s so far/, ''));

    slow.answerAll();
    expect((await answered).status).toBe(200);
    await following.waitFor(storedLine(1, 'send_email'));
    const lines = following.stdout().split('\n');
    const waitingAt = lines.findIndex((line) => WAITING.test(line));
    expect(lines.findIndex((line) => storedLine(1, 'send_email').test(line))).toBeGreaterThan(waitingAt);
    // Said once, not again as the call goes on waiting, nor once it is stored.
    expect(lines.filter((line) => WAITING.test(line))).toHaveLength(1);
    // Nothing on stderr besides the follow's own line (printed before any call): the serve's token is never printed.
    expect(following.output()).toBe(`Following: new calls are printed as they are stored. Press Ctrl-C to stop.\n${following.stdout()}`);
    following.child.kill('SIGINT');
    expect(await following.exited).toBe(0);
  });

  it('--json: one object per wait, marked waiting, for a call already waiting when it starts and one after', async () => {
    const dir = tempDir();
    const slow = await heldHandler();
    const server = await serveForwarding(dir, slow.target);
    const first = postSigned(server.baseUrl, 'send_email', {}, KEY);
    await server.waitFor(WAITING);
    const following = await follow(dir, ['--json']);
    const objects = () =>
      following
        .stdout()
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    await expect.poll(() => objects().length, { timeout: 10_000 }).toBe(1);
    const second = postSigned(server.baseUrl, 'lookup_order', {}, KEY);
    await expect.poll(() => objects().length, { timeout: 10_000 }).toBe(2);
    const [waitedFirst, waitedSecond] = objects();
    expect(waitedFirst).toEqual({
      waiting: true,
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      action: 'send_email',
      target: `http://127.0.0.1:${slow.port}/hooks/send_email`,
      forwardTimeoutMs: 20_000,
      // Named though it runs alone: a reader need not count the serves to know which holds it.
      serve: server.baseUrl,
    });
    expect(waitedSecond).toMatchObject({ waiting: true, action: 'lookup_order', serve: server.baseUrl });

    slow.answerAll();
    await Promise.all([first, second]);
    await expect.poll(() => objects().length).toBe(4);
    const stored = objects().slice(2);
    expect(stored.map((call) => call.action).sort()).toEqual(['lookup_order', 'send_email']);
    expect(stored.every((call) => typeof call.id === 'number' && !('waiting' in call))).toBe(true);
  });

  it("prints each wait with its serve's limit as the serve's state file records it, not asking its inspector", async () => {
    const dir = tempDir();
    const slow = await heldHandler();
    const server = await serveForwarding(dir, slow.target);
    // Its wait says 20 s at most: the serve's --forward-timeout.
    await heldCallFollowed(server, slow, await followRefusedSettings(dir));
  });

  it("prints a wait of a serve whose file does not record its limit (an earlier version's) with serve's default limit", async () => {
    const dir = tempDir();
    const slow = await heldHandler();
    // Without --forward-timeout: it waits serve's default 30 s, which the follow can only assume.
    const args = ['--port', '0', '--data-dir', dir, '--forward', slow.target];
    const server = stopOnCleanup(await startServe(args, { FLOWENT_HMAC_KEY: KEY }));
    const stateFile = join(dir, DATA_FILES.serveStates, `${server.child.pid}.json`);
    const { forwardTimeoutMs, ...asWrittenBefore } = JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown>;
    expect(forwardTimeoutMs).toBe(30_000);
    writeFileSync(stateFile, JSON.stringify(asWrittenBefore));
    const following = await followRefusedSettings(dir, ['--json']);
    const answered = postSigned(server.baseUrl, 'send_email', {}, KEY);
    const [waited] = await following.waitFor(/^\{"waiting":true.*$/m, 10_000);
    expect(JSON.parse(waited ?? '')).toMatchObject({ action: 'send_email', forwardTimeoutMs: 30_000, serve: server.baseUrl });
    slow.answerAll();
    await answered;
  });

  it('keeps following the history when the serve stops, and hears the next serve started on the folder', async () => {
    const dir = tempDir();
    const slow = await heldHandler();
    const server = await serveForwarding(dir, slow.target);
    const following = await follow(dir);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);

    await heldCallFollowed(await serveForwarding(dir, slow.target), slow, following);
  });

  it('prints no wait for a filter on how the call ends (its status), and waits of the action --action names only', async () => {
    const dir = tempDir();
    const slow = await heldHandler();
    const server = await serveForwarding(dir, slow.target);
    const byStatus = await follow(dir, ['--status', '2xx']);
    const byAction = await follow(dir, ['--action', 'lookup_order']);
    const other = postSigned(server.baseUrl, 'send_email', {}, KEY);
    const named = postSigned(server.baseUrl, 'lookup_order', {}, KEY);
    await byAction.waitFor(waitingLine(slow.port, 'lookup_order'), 10_000);
    slow.answerAll();
    await Promise.all([other, named]);
    // Both calls are answered at once: either may be stored first.
    await byStatus.waitFor(storedLine('\\d', 'lookup_order'));
    await byAction.waitFor(storedLine('\\d', 'lookup_order'));
    expect(byStatus.stdout()).not.toMatch(WAITING);
    expect(byAction.stdout()).not.toMatch(/send_email/);
  });

  it('with no serve running, follows the history as before and says nothing of waits', async () => {
    const dir = tempDir();
    const handler = await holdingHandler(0);
    cleanups.push(handler.close);
    // Something stored first, so the follow starts on a history.
    const sent = await runCli(['send', 'send_email', '--target', `http://127.0.0.1:${handler.port}/`, '--data-dir', dir], {
      FLOWENT_HMAC_KEY: KEY,
    });
    expect(sent.code, sent.stderr).toBe(0);
    const following = await follow(dir);
    expect(following.output()).toBe(`${following.stdout()}Following: new calls are printed as they are stored. Press Ctrl-C to stop.\n`);
    const again = await runCli(['send', 'lookup_order', '--target', `http://127.0.0.1:${handler.port}/`, '--data-dir', dir], {
      FLOWENT_HMAC_KEY: KEY,
    });
    expect(again.code, again.stderr).toBe(0);
    await following.waitFor(/^#2 {2}\d\d:\d\d:\d\d {2}lookup_order \[simulated\] {2}/m);
    expect(following.output()).not.toMatch(WAITING);
  });

  it('says once why waits are not heard from a serve without its inspector', async () => {
    const dir = tempDir();
    const slow = await heldHandler();
    const server = await serveForwarding(dir, slow.target, ['--no-inspector']);
    const following = await follow(dir);
    await following.waitFor(
      new RegExp(
        `Calls waiting for your handler in the serve at ${server.baseUrl.replace(/\./g, '\\.')} are printed once stored, not while they wait: it runs without its inspector \\(--no-inspector\\)`,
      ),
    );
    const answered = postSigned(server.baseUrl, 'send_email', {}, KEY);
    await server.waitFor(WAITING);
    slow.answerAll();
    await answered;
    await following.waitFor(storedLine(1, 'send_email'));
    expect(following.stdout()).not.toMatch(WAITING);
    expect(following.output().match(/are printed once stored/g)).toHaveLength(1);
  });

  it('hears every serve on the folder, naming the one that holds each wait, and says why only of a serve without its inspector', async () => {
    const dir = tempDir();
    const slow = await heldHandler();
    const first = await serveForwarding(dir, slow.target);
    const second = await serveForwarding(dir, slow.target);
    const unheard = await serveForwarding(dir, slow.target, ['--no-inspector']);
    const following = await follow(dir);
    const sent = await twoWaitsHeard(following, slow, [first, second]);
    // The note names the serve that cannot be heard, and only it.
    const notes = following.output().match(/^.*are printed once stored.*$/gm) ?? [];
    expect(notes).toEqual([
      `Calls waiting for your handler in the serve at ${unheard.baseUrl} are printed once stored, not while they wait: it runs without its inspector (--no-inspector), through which they are heard.`,
    ]);

    await twoWaitsAnswered(following, slow, sent);
  });

  it('drops a serve that stops and hears one started while it follows, each on its own', async () => {
    const dir = tempDir();
    const slow = await heldHandler();
    const staying = await serveForwarding(dir, slow.target);
    const leaving = await serveForwarding(dir, slow.target);
    const following = await follow(dir);
    leaving.child.kill('SIGINT');
    expect(await leaving.exited).toBe(0);
    const joining = await serveForwarding(dir, slow.target);
    await twoWaitsAnswered(following, slow, await twoWaitsHeard(following, slow, [staying, joining]));
  });

  it('never prints a wait after its call was printed as stored, however late the wait is heard', async () => {
    const dir = tempDir();
    const slow = await heldHandler();
    const server = await serveForwarding(dir, slow.target);
    // The serve's stream reaches the follow a second late: a wait answered at once is heard after
    // its stored call, as one answered within the stream's 50 ms batching may be on any machine.
    const following = await follow(dir, [], { FC_EVENT_STREAM_LATE_MS: '1000' }, { preload: LATE_EVENT_STREAM });
    const heardLate = (waits: number) => new Promise((resolve) => setTimeout(resolve, 1_500 * waits));

    // Held until its wait is heard: the wait, late as it is, comes first.
    await heldCallFollowed(server, slow, following);

    // Answered the moment serve tells of the wait: its stored call is printed before the wait is heard.
    const answered = postSigned(server.baseUrl, 'lookup_order', {}, KEY);
    await server.waitFor(waitingLine(slow.port, 'lookup_order'), 10_000);
    slow.answerAll();
    await answered;
    await following.waitFor(storedLine(2, 'lookup_order'));
    await heardLate(1);
    const lines = following.stdout().trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(waitingLine(slow.port, 'send_email'));
    expect(lines[1]).toMatch(storedLine(1, 'send_email'));
    expect(lines[2]).toMatch(storedLine(2, 'lookup_order'));
  });
});
