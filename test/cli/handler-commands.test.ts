import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifierSnippet } from '../../main/core/handler-check';
import { sign } from '../../main/core/signature';
import { closedPort } from '../helpers/handler-process';
import { startSignatureHandler, type HandlerMode, type SignatureHandler } from '../helpers/signature-handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';
import { hasPython } from '../core/handler-check/verifier-runners';

// The command line against real handler processes (test/fixtures/handlers/signature-handler.py)
// behind a real `serve --forward`.

const KEY = 'cli-handler-key';
const handlers = new Map<HandlerMode, SignatureHandler>();
const dataDir = makeTempDir();
let serve: ServeProcess;
const env = { FLOWENT_HMAC_KEY: KEY, FLOWENT_COMPANION_DATA_DIR: dataDir.path };

/** Non-ASCII, unsorted: the python and go styles sign it differently. */
function body(style: 'python' | 'go', key: string): string {
  const payload = JSON.stringify({
    action_name: 'greet',
    parameters: { name: 'Renée', city: '北京' },
    timestamp: Math.floor(Date.now() / 1000),
  });
  return sign(payload, key, style).body;
}

async function post(style: 'python' | 'go', key = KEY): Promise<number> {
  const response = await fetch(`${serve.baseUrl}/actions/greet`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body(style, key),
  });
  await response.arrayBuffer();
  return response.status;
}

beforeAll(async () => {
  if (!hasPython) return;
  for (const mode of ['python', 'go', 'none'] as const) handlers.set(mode, await startSignatureHandler(mode, KEY));
  serve = await startServe(['--port', '0', '--data-dir', dataDir.path, '--no-inspector', '--forward', handlers.get('python')!.target], env);
}, 60_000);
afterAll(() => stopServeAndFolder(serve, dataDir, ...handlers.values()));

describe.skipIf(!hasPython)("the handler's verdict on the command line", () => {
  it("serve's line and calls --json say what the handler made of each signature", async () => {
    expect(await post('python')).toBe(200);
    await serve.waitFor(/greet {2}valid \(python\) {2}200 {2}handler accepted the signature {2}\d/);
    expect(await post('go')).toBe(401);
    await serve.waitFor(/greet {2}valid \(go\) {2}401 {2}handler REJECTED the signature {2}\d/);

    const listed = await runCli(['calls', '--json', '--limit', '2'], env);
    expect(listed.code).toBe(0);
    const lines = listed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.style, line.handlerSignature])).toEqual([
      ['go', 'refused'],
      ['python', 'accepted'],
    ]);
    const text = await runCli(['calls', '--limit', '1'], env);
    expect(text.stdout).toMatch(/^#\d+ {2}\S+ {2}greet {2}valid \(go\) {2}401 {2}handler REJECTED the signature/m);
  });

  it('verifier defaults to the style learned from the history for the current key, and says so on stderr', async () => {
    // A Flowent signing in the go style with its own key (the learner checks the stored bodies with the key it is given).
    const goKey = 'a-go-flowent-key';
    for (let i = 0; i < 3; i++) await post('go', goKey);
    const learned = await runCli(['verifier', 'node'], { ...env, FLOWENT_HMAC_KEY: goKey });
    expect(learned.code, learned.stderr).toBe(0);
    expect(learned.stdout).toBe(verifierSnippet('node', 'go'));
    expect(learned.stderr).toMatch(
      /^Style go: learned from \d+ Flowent calls signed with this FLOWENT_HMAC_KEY; --style picks another\.$/m,
    );

    const otherKey = await runCli(['verifier', 'node'], { ...env, FLOWENT_HMAC_KEY: 'another-key' });
    expect(otherKey.stdout).toBe(verifierSnippet('node', 'python'));
    expect(otherKey.stderr).toMatch(/^Style python: the default, no Flowent call in the history is signed with this FLOWENT_HMAC_KEY/m);

    const given = await runCli(['verifier', 'node', '--style', 'raw'], { ...env, FLOWENT_HMAC_KEY: goKey });
    expect(given.stdout).toBe(verifierSnippet('node', 'raw'));
    // A style given is not explained; the only note left is how the module is loaded.
    expect(given.stderr).not.toMatch(/^Style /m);
    expect(given.stderr).toMatch(/^It is an ES module \(import\/export\)/);
  });

  it('replay --probe-styles prints the table and exits 0 for a handler that checks signatures', async () => {
    // A history of its own, of python-signed calls only: the one above mixes styles, so the style
    // it learns (raw, the only one every call matches) is one this handler refuses, which exits 1.
    const fresh = makeTempDir();
    const freshEnv = { ...env, FLOWENT_COMPANION_DATA_DIR: fresh.path };
    const own = await startServe(['--port', '0', '--data-dir', fresh.path, '--no-inspector'], freshEnv);
    const answer = await fetch(`${own.baseUrl}/actions/greet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body('python', KEY),
    });
    await answer.arrayBuffer();
    own.child.kill('SIGTERM');
    await own.exited;
    // The replay command runs without serve's --forward: the handler is given with --target.
    const probed = await runCli(['replay', '1', '--probe-styles', '--target', handlers.get('python')!.target], freshEnv);
    fresh.remove();
    // stderr says each request as it goes out (a slow handler takes minutes), the wrong signature last.
    const progress = probed.stderr.trim().split('\n');
    expect(progress[0]).toMatch(/^probing 1 of (\d+): python\b/);
    expect(progress.at(-1)).toBe(`probing ${progress.length} of ${progress.length}: the wrong signature`);
    expect(probed.code, probed.stdout).toBe(0);
    const lines = probed.stdout.split('\n');
    expect(lines[0]).toBe(`Probed your handler at ${handlers.get('python')!.target.replace('{action_name}', 'greet')} with call #1:`);
    expect(probed.stdout).toMatch(/^ {2}accepted {3}python\b.* {2}200 {2}#\d+$/m);
    expect(probed.stdout).toMatch(/^ {2}REJECTED {3}go\b.* {2}401 "Invalid signature" {2}#\d+$/m);
    expect(probed.stdout).toMatch(/^ {2}rejected {3}wrong signature +401 "Invalid signature" {2}#\d+$/m);
    expect(probed.stdout).toMatch(/^Your handler checks signatures: it rejected the wrong signature and accepted python/m);
    // A terminal 100 columns wide shows every line whole: long lists and sentences wrap, indented.
    expect(
      lines.filter((line) => line.length > 100),
      probed.stdout,
    ).toEqual([]);
    expect(probed.stdout).toMatch(/^ {13}nested-sorted\+go, nested-sorted\+utf8,$/m);
    expect(probed.stdout).toMatch(/^Your handler checks signatures: [^\n]+\n {2}\S/m);
  });

  it('replay --probe-styles exits 1 for a handler that does not check signatures, and says it is a security problem', async () => {
    const probed = await runCli(['replay', '1', '--probe-styles', '--target', handlers.get('none')!.target], env);
    expect(probed.code).toBe(1);
    expect(probed.stdout).toMatch(/^ {2}ACCEPTED {3}wrong signature +200 {2}#\d+$/m);
    expect(probed.stdout).toContain('Security problem: your handler does not check signatures.');
  });

  it('replay --probe-styles exits 1 when the handler cannot be reached', async () => {
    const probed = await runCli(
      ['replay', '1', '--probe-styles', '--target', `http://127.0.0.1:${await closedPort()}/actions/{action_name}`],
      env,
    );
    expect(probed.code).toBe(1);
    expect(probed.stdout).toMatch(/^ {2}no answer {2}python, raw /m);
    // The finding, wrapped with a hanging indent, read as one line.
    const finding = probed.stdout.replace(/\n {2}(?=\S)/g, ' ');
    expect(finding).toMatch(/^Your handler at \S+ refused the connection: .* Nothing more was sent: probe again once it answers\.$/m);
  });

  it.each([
    [['1', '2', '--probe-styles'], /--probe-styles takes one call id/],
    [['1', '--probe-styles', '--resign'], /--probe-styles goes with --target only, not --resign/],
    [['--action', 'greet', '--probe-styles'], /--probe-styles takes one call id/],
  ])('usage error %j exits 2', async (args, message) => {
    const result = await runCli(['replay', ...args], env);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });

  it('a handler turning down a wrong signature is said in lowercase; capitals only when it disagrees with the companion', async () => {
    expect(await post('python', 'not-the-key')).toBe(401);
    await serve.waitFor(/greet {2}INVALID {2}401 {2}handler rejected it too {2}\d/);
    const rejected = await runCli(['calls', '--limit', '1'], env);
    expect(rejected.stdout).toMatch(/^#(\d+) {2}\S+ {2}greet {2}INVALID {2}401 {2}handler rejected it too {2}[\d.]+ ms\n {2}why: /);
    const id = /^#(\d+)/.exec(rejected.stdout)![1]!;
    // In full, the handler's verdict has its own heading: what decided, and where it answered.
    const full = await runCli(['calls', id], env);
    expect(full.stdout).toMatch(/^Handler: {2}rejected it too: 401 "Invalid signature" \(at http:\/\/127\.0\.0\.1:\d+\/actions\/greet\)$/m);
    expect(full.stdout).toMatch(
      /^Answer: {2}401\n {2}answered by: your handler\n {2}Forwarded to http:\/\/127\.0\.0\.1:\d+\/actions\/greet$/m,
    );
    // The same call sent as it was to a handler that checks nothing: it accepted a wrong signature, said in capitals.
    const replayed = await runCli(['replay', id, '--target', handlers.get('none')!.target], env);
    expect(replayed.code, replayed.stderr).toBe(0);
    const accepted = await runCli(['calls', '--limit', '1'], env);
    expect(accepted.stdout).toMatch(/^#\d+ {2}\S+ {2}greet \[replay\] {2}INVALID {2}200 {2}handler ACCEPTED the signature {2}/);
  });

  it('--probe-styles needs the key', async () => {
    const result = await runCli(['replay', '1', '--probe-styles'], { FLOWENT_COMPANION_DATA_DIR: dataDir.path, FLOWENT_HMAC_KEY: '' });
    expect(result.stderr).toMatch(/--probe-styles signs the call in each style: set FLOWENT_HMAC_KEY/);
    expect(result.code).toBe(2);
    // A blank key (spaces, a line break read from an empty file) is none, as serve and the status take it.
    const blank = await runCli(['replay', '1', '--probe-styles'], { FLOWENT_COMPANION_DATA_DIR: dataDir.path, FLOWENT_HMAC_KEY: ' \n' });
    expect(blank.stderr).toMatch(/--probe-styles signs the call in each style: set FLOWENT_HMAC_KEY/);
    expect(blank.code).toBe(2);
  });
});
