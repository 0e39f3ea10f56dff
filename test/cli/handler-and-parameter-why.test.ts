import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../main/core/signature';
import { hasPython } from '../core/handler-check/verifier-runners';
import { startSignatureHandler, type SignatureHandler } from '../helpers/signature-handler-process';
import { runCli, startCommand, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

// Why a handler disagrees with the companion about a call's signature, and what a call's
// parameters break of the project's action schema: the page's words, on the command line,
// through real serves, real python handlers and a real project folder.

const KEY = 'why-handler-key';
const dataDir = makeTempDir();
const lenientData = makeTempDir();
const projectRoot = makeTempDir('fc-project-');
const env = { FLOWENT_HMAC_KEY: KEY, FLOWENT_COMPANION_DATA_DIR: dataDir.path };
let python: SignatureHandler;
let lenient: SignatureHandler;
let serve: ServeProcess;
let lenientServe: ServeProcess;
let projectServe: ServeProcess;

/** The why-line, its record "So far" as the call came (serve's line), "So far (as of now, ...)" read later (calls). */
const styleMismatch = (soFar: string) =>
  new RegExp(
    String.raw`^ {2}why: Your handler rejected a valid signature \(it answered 401[^)]*\): this call was signed with go, a style it does not verify with\. It verifies with python\. ` +
      soFar.replace(/[()]/g, '\\$&') +
      String.raw`, your handler has accepted \d+ calls? with a valid signature and rejected \d+\. "flowent-companion verifier <python\|node\|go> --style go" prints a verifier that accepts how this call was signed`,
  );
const STYLE_MISMATCH_AS_IT_CAME = styleMismatch('So far');
const STYLE_MISMATCH = styleMismatch('So far (as of now, not when this call came)');
const ACCEPTED_INVALID =
  /^ {2}why: Your handler accepted a call whose signature is not valid with the key set here \(it answered 200\): either it does not check signatures, or its key differs from this one\. Make your handler reject a wrong signature with 401/;
const ACCEPTED_MALFORMED =
  /^ {2}why: Your handler accepted a call whose signature is not an HMAC-SHA256 at all \(it answered 200\): it is not 64 hex characters, so no key gives it\. Your handler does not check signatures, or checks something other than the body's "signature"\. Make your handler reject/;
const ACCEPTED_UNSIGNED =
  /^ {2}why: Your handler accepted a call without a signature \(it answered 200\): anyone who can reach it can run the action\./;
const NOT_AN_EMAIL = "  parameters: parameters.recipient is not a valid email. (checked against the project's actions/send_email.yaml)";

const SEND_EMAIL = `version: 1
name: send_email
description: Send an email
json_schema:
  type: object
  required: [recipient]
  properties:
    recipient: {type: string, format: email}
webhook_url:
  default: here
`;

function payload(action: string): string {
  return JSON.stringify({ action_name: action, parameters: { name: 'Renée', city: '北京' }, timestamp: Math.floor(Date.now() / 1000) });
}

async function post(base: string, action: string, body: string): Promise<number> {
  const response = await fetch(`${base}/actions/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await response.arrayBuffer();
  return response.status;
}

/** The line printed after the first one `line` matches ('' at the end). */
function lineAfter(output: string, line: RegExp): string {
  const lines = output.split('\n');
  const at = lines.findIndex((each) => line.test(each));
  expect(at, `no line ${line} in:\n${output}`).toBeGreaterThanOrEqual(0);
  return lines[at + 1] ?? '';
}

beforeAll(async () => {
  if (!hasPython) return;
  python = await startSignatureHandler('python', KEY);
  lenient = await startSignatureHandler('none', KEY);
  serve = await startServe(['--port', '0', '--no-inspector', '--forward', python.target], env);
  lenientServe = await startServe(['--port', '0', '--data-dir', lenientData.path, '--no-inspector', '--forward', lenient.target], {
    FLOWENT_HMAC_KEY: KEY,
  });
  mkdirSync(join(projectRoot.path, 'flowent', 'actions'), { recursive: true });
  mkdirSync(join(projectRoot.path, 'flowent', 'answers'), { recursive: true });
  writeFileSync(join(projectRoot.path, 'flowent', 'actions', 'send_email.yaml'), SEND_EMAIL);
}, 60_000);
afterAll(async () => {
  for (const running of [serve, lenientServe, projectServe]) {
    running?.child.kill('SIGTERM');
    await running?.exited;
  }
  await Promise.all([python, lenient].map((handler) => handler?.stop()));
  for (const dir of [dataDir, lenientData, projectRoot]) dir.remove();
});

describe.skipIf(!hasPython)('why the handler disagrees, on the command line', () => {
  it("serve's line, calls and calls --json say why a python-verifying handler refused a go-signed call (its record as of now when read later)", async () => {
    expect(await post(serve.baseUrl, 'greet', sign(payload('greet'), KEY, 'python').body)).toBe(200);
    await serve.waitFor(/greet {2}valid \(python\) {2}200 {2}handler accepted the signature {2}\d/);
    // A second terminal following the calls prints them as they come too.
    const following = await startCommand(['calls', '--follow', '--limit', '1'], env, /Press Ctrl-C to stop\./);
    expect(await post(serve.baseUrl, 'greet', sign(payload('greet'), KEY, 'go').body)).toBe(401);
    await serve.waitFor(/greet {2}valid \(go\) {2}401 {2}handler REJECTED the signature {2}.*\n.*\n/);
    expect(lineAfter(serve.output(), /greet {2}valid \(go\) {2}401/)).toMatch(STYLE_MISMATCH_AS_IT_CAME);
    await following.waitFor(/greet {2}valid \(go\) {2}401 .*\n.*\n/);
    following.child.kill('SIGINT');
    expect(await following.exited).toBe(0);
    expect(lineAfter(following.stdout(), /greet {2}valid \(go\) {2}401/)).toMatch(STYLE_MISMATCH_AS_IT_CAME);
    // The handler that agreed gets no why-line.
    expect(lineAfter(serve.output(), /greet {2}valid \(python\) {2}200/)).not.toMatch(/^ {2}why:/);

    const text = await runCli(['calls', '--limit', '2'], env);
    expect(text.code, text.stderr).toBe(0);
    expect(lineAfter(text.stdout, /^#\d+ {2}\S+ {2}greet {2}valid \(go\) {2}401/)).toMatch(STYLE_MISMATCH);
    expect(lineAfter(text.stdout, /^#\d+ {2}\S+ {2}greet {2}valid \(python\) {2}200/)).not.toMatch(/^ {2}why:/);

    const json = await runCli(['calls', '--json', '--limit', '2'], env);
    const [refused, accepted] = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { handlerDiagnosis: { code: string; message: string } | null });
    expect(refused!.handlerDiagnosis?.code).toBe('handler-signature-style-mismatch');
    expect(`  why: ${refused!.handlerDiagnosis?.message}`).toMatch(STYLE_MISMATCH);
    expect(accepted!.handlerDiagnosis).toBeNull();
  });

  it('send and replay say why the handler refused the call they sent', async () => {
    // Non-ASCII parameters: the go style signs them otherwise than the python style does.
    const params = JSON.stringify({ name: 'Renée', city: '北京' });
    const sent = await runCli(['send', 'greet', '--params', params, '--style', 'go', '--target', python.target], env);
    expect(sent.stdout).toMatch(/^ {2}answer: {2}401 /m);
    expect(lineAfter(sent.stdout, /^ {2}answer: {2}401 /)).toMatch(/^ {2}why: Your handler rejected a valid signature \(it answered 401/);
    // Said as the call came: its record is so far, with no "as of now" aside.
    expect(lineAfter(sent.stdout, /^ {2}answer: {2}401 /)).toMatch(/\. So far, your handler has accepted /);

    const id = /^Sent #(\d+)/m.exec(sent.stdout)![1]!;
    const replayed = await runCli(['replay', id, '--resign', '--style', 'go', '--target', python.target], env);
    expect(lineAfter(replayed.stdout, new RegExp(`^#${id} → #\\d+ {2}401`))).toMatch(
      /^ {2}why: Your handler rejected a valid signature \(it answered 401/,
    );
  });

  it('a handler that checks nothing is said to, for a wrong signature and for none (a security problem)', async () => {
    expect(await post(lenientServe.baseUrl, 'wrong_key', sign(payload('wrong_key'), 'another-key', 'python').body)).toBe(200);
    expect(await post(lenientServe.baseUrl, 'unsigned', payload('unsigned'))).toBe(200);
    await lenientServe.waitFor(/unsigned {2}missing signature {2}200 .*\n(.*\n){2}/);
    const output = lenientServe.output();
    const under = (action: string) => output.split('\n').slice(output.split('\n').findIndex((line) => line.includes(`  ${action}  `)) + 1);
    // The signature's own why-line first, then the handler's.
    expect(under('wrong_key')[0]).toMatch(/^ {2}why: The signature matches none/);
    expect(under('wrong_key')[1]).toMatch(ACCEPTED_INVALID);
    expect(under('unsigned')[1]).toMatch(ACCEPTED_UNSIGNED);

    const json = await runCli(['calls', '--json', '--data-dir', lenientData.path]);
    const codes = json.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { handlerDiagnosis: { code: string } | null }).handlerDiagnosis?.code);
    expect(codes).toEqual(['handler-accepted-unsigned', 'handler-accepted-invalid-signature']);
  });

  it('a handler that accepts a signature that is not 64 hex characters is not told to check its key, with or without one', async () => {
    const body = sign(payload('not_hex'), KEY, 'python').body.replace(/"signature":"[0-9a-f]{64}"/, '"signature":"zz"');
    expect(await post(lenientServe.baseUrl, 'not_hex', body)).toBe(200);
    await lenientServe.waitFor(/not_hex {2}MALFORMED signature {2}200 .*\n(.*\n){2}/);
    const output = lenientServe.output().split('\n');
    const under = output.slice(output.findIndex((line) => line.includes('  not_hex  ')) + 1);
    expect(under[1]).toMatch(ACCEPTED_MALFORMED);
    for (const key of [KEY, '']) {
      const args = ['calls', '--data-dir', lenientData.path, '--action', 'not_hex'];
      const text = await runCli(args, { FLOWENT_HMAC_KEY: key });
      expect(text.stdout.split('\n'), `key "${key}"`).toContainEqual(expect.stringMatching(ACCEPTED_MALFORMED));
      const json = await runCli([...args, '--json'], { FLOWENT_HMAC_KEY: key });
      const line = JSON.parse(json.stdout.trim()) as { handlerDiagnosis: { code: string; message: string } | null };
      expect(line.handlerDiagnosis?.code).toBe('handler-accepted-malformed-signature');
      expect(line.handlerDiagnosis?.message).not.toMatch(/key differs/);
    }
  });
});

describe('parameters against the project action file, on the command line', () => {
  it("send and a project serve's line say which parameters the schema refuses, in the page's words", async () => {
    const projectData = makeTempDir();
    try {
      projectServe = await startServe(['--port', '0', '--data-dir', projectData.path, '--no-inspector', '--project', projectRoot.path], {
        FLOWENT_HMAC_KEY: KEY,
      });
      const projectEnv = { FLOWENT_HMAC_KEY: KEY, FLOWENT_COMPANION_DATA_DIR: projectData.path };
      const sent = await runCli(
        ['send', 'send_email', '--params', '{"recipient":"not-an-email"}', '--target', `${projectServe.baseUrl}/actions/{action_name}`],
        projectEnv,
        { cwd: projectRoot.path },
      );
      expect(sent.stdout, sent.stderr).toContain(`${NOT_AN_EMAIL}\n`);
      expect(lineAfter(sent.stdout, /^ {2}body: /)).toBe(NOT_AN_EMAIL);

      // A call Flowent sends, straight to the serve.
      const body = sign(
        JSON.stringify({ action_name: 'send_email', parameters: { recipient: 'ada' }, timestamp: Math.floor(Date.now() / 1000) }),
        KEY,
        'python',
      ).body;
      expect(await post(projectServe.baseUrl, 'send_email', body)).toBe(200);
      await projectServe.waitFor(/send_email {2}valid \(python\) {2}200 .*\n.*\n/);
      expect(lineAfter(projectServe.output(), /\d {2}send_email {2}valid \(python\) {2}200/)).toBe(NOT_AN_EMAIL);

      // Replayed with new parameters, they are checked as send checks its own.
      const listed = await runCli(['calls', '--json'], projectEnv, { cwd: projectRoot.path });
      const flowentCall = listed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: number; source: string })
        .find((call) => call.source === 'flowent');
      const replayed = await runCli(['replay', String(flowentCall?.id), '--params', '{"recipient":"still-not-an-email"}'], projectEnv, {
        cwd: projectRoot.path,
      });
      expect(replayed.stdout, replayed.stderr).toContain(`${NOT_AN_EMAIL}\n`);
      const fixed = await runCli(['replay', String(flowentCall?.id), '--params', '{"recipient":"ada@example.com"}'], projectEnv, {
        cwd: projectRoot.path,
      });
      expect(fixed.stdout, fixed.stderr).toMatch(/→ #\d+/);
      expect(fixed.stdout).not.toContain('  parameters:');

      // A call whose parameters meet the schema gets no such line.
      const fine = sign(
        JSON.stringify({
          action_name: 'send_email',
          parameters: { recipient: 'ada@example.com' },
          timestamp: Math.floor(Date.now() / 1000),
        }),
        KEY,
        'python',
      ).body;
      expect(await post(projectServe.baseUrl, 'send_email', fine)).toBe(200);
      await projectServe.waitFor(/(send_email {2}valid \(python\) {2}200 [^\n]*\n[\s\S]*){2}/);
      const lines = projectServe.output().split('\n');
      const last = lines
        .map((line, i) => [line, i] as const)
        .filter(([line]) => / {2}send_email {2}valid \(python\) {2}200/.test(line))
        .at(-1)![1];
      expect(lines[last + 1] ?? '').not.toMatch(/^ {2}parameters:/);
    } finally {
      projectData.remove();
    }
  });
});
