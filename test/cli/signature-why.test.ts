import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// Why a call's signature failed, under its line in `serve` and `calls`, and in `calls --json`:
// calls as a misconfigured sender or a proxy on the way would send them, to a real `serve`.

const KEY = 'why-test-key';
const dataDir = makeTempDir();
let serve: ServeProcess;

const WRONG_KEY = {
  code: 'no-match',
  message: 'The signature matches none of the 13 known styles: the key is wrong or the body was altered after signing.',
};
const RESERIALIZED = {
  code: 'body-reformatted',
  message:
    'The signature matches none of the 13 known styles: the key is wrong, or the body was changed after signing: it has whitespace ' +
    'between tokens and has its top-level keys in the order action_name, parameters, signature, timestamp instead of action_name, ' +
    'parameters, timestamp, signature, so a proxy or framework may have re-serialized it.',
};
/** Spacing beside a whole number: the key first, and a re-serialization only as a condition, never as a finding. */
const SPACED_WRONG_KEY = {
  code: 'body-reformatted',
  message:
    'The signature matches none of the 13 known styles: most likely the key is wrong. Or the body was changed after signing: it ' +
    'has whitespace between tokens, so a proxy or framework may have re-serialized it, which breaks the signature only if it also ' +
    'rewrote a number (1.0 as 1).',
};
const MISSING = {
  code: 'missing-signature',
  message: 'The body has no "signature" member; Flowent carries the signature in the body, not in a header.',
};
const MALFORMED = { code: 'malformed-signature', message: 'The signature has the wrong length: 3 characters, expected 64 hex characters.' };
const UPPERCASE = {
  code: 'hex-case',
  message: 'The signature matches the python style but is written in uppercase hex; Flowent sends lowercase.',
};

type Json = Record<string, unknown>;
const sortedDeep = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, sortedDeep((value as Json)[key])]),
      )
    : value;
/** What a framework's JSON encoder makes of a body: keys sorted, a space after each comma and colon (Python's json.dumps(sort_keys=True)). */
const reserialized = (body: string) =>
  JSON.stringify(sortedDeep(JSON.parse(body)))
    .replace(/":/g, '": ')
    .replace(/,"/g, ', "');
/** A body as Python's json.dumps(body) writes it by default: ", " and ": " between tokens. */
const pythonSpaced = (body: string) => body.replace(/":/g, '": ').replace(/,"/g, ', "');
/** A body as Python's json.dumps(body, indent=2) sends it: every style but raw ignores the spacing. */
const prettyPrinted = (body: string) => JSON.stringify(JSON.parse(body), null, 2);
const tenMinutesAgo = () => Math.floor(Date.now() / 1000) - 600;
const signedWith = (signature: string, action: string) => JSON.stringify({ ...flowentPayload(action), signature });

/** Each call as sent, and the cause its lines must give (null: no why-line). */
const CALLS: [action: string, body: () => string, cause: { code: string; message: string } | null][] = [
  ['wrong_key', () => signedBody(flowentPayload('wrong_key'), 'another-key'), WRONG_KEY],
  [
    'reserialized',
    () => reserialized(signedBody(flowentPayload('reserialized', { to: 'ada@example.com', cc: 'bob@example.com' }), KEY)),
    RESERIALIZED,
  ],
  [
    'pretty_wrong_key',
    () => prettyPrinted(signedBody(flowentPayload('pretty_wrong_key', { to: 'ada@example.com' }), 'another-key')),
    WRONG_KEY,
  ],
  [
    'spaced_wrong_key',
    () => pythonSpaced(signedBody(flowentPayload('spaced_wrong_key', { to: 'ada@example.com', count: 1 }), 'another-key')),
    SPACED_WRONG_KEY,
  ],
  [
    'compact_wrong_key',
    () => signedBody(flowentPayload('compact_wrong_key', { to: 'ada@example.com', count: 1 }), 'another-key'),
    WRONG_KEY,
  ],
  ['pretty_valid', () => prettyPrinted(signedBody(flowentPayload('pretty_valid', { to: 'ada@example.com' }), KEY)), null],
  ['old_wrong_key', () => signedBody(flowentPayload('old_wrong_key', {}, { timestamp: tenMinutesAgo() }), 'another-key'), WRONG_KEY],
  ['old_valid', () => signedBody(flowentPayload('old_valid', {}, { timestamp: tenMinutesAgo() }), KEY), null],
  ['unsigned', () => JSON.stringify(flowentPayload('unsigned')), MISSING],
  ['short_signature', () => signedWith('abc', 'short_signature'), MALFORMED],
  [
    'uppercase',
    () =>
      signedBody(flowentPayload('uppercase'), KEY).replace(
        /"signature":"([0-9a-f]+)"/,
        (_, hex: string) => `"signature":"${hex.toUpperCase()}"`,
      ),
    UPPERCASE,
  ],
  ['valid', () => signedBody(flowentPayload('valid'), KEY), null],
  ['registration', () => JSON.stringify(flowentPayload('registration', {}, { test: true })), null],
];

async function post(base: string, action: string, body: string): Promise<void> {
  const response = await fetch(`${base}/actions/${action}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  await response.arrayBuffer();
}

/** The line printed after the one naming `action` ('' at the end). */
function lineAfter(output: string, action: RegExp): string {
  const lines = output.split('\n');
  const at = lines.findIndex((line) => action.test(line));
  expect(at, `no line for ${action} in:\n${output}`).toBeGreaterThanOrEqual(0);
  return lines[at + 1] ?? '';
}

beforeAll(async () => {
  serve = await startServe(['--port', '0', '--data-dir', dataDir.path, '--no-inspector'], { FLOWENT_HMAC_KEY: KEY });
  for (const [action, body] of CALLS) {
    await post(serve.baseUrl, action, body());
    await serve.waitFor(new RegExp(`^\\d\\d:\\d\\d:\\d\\d {2}${action}\\b.*\\n`, 'm'));
  }
}, 60_000);
afterAll(() => stopServeAndFolder(serve, dataDir));

describe('why a signature failed, on the command line', () => {
  it.each(CALLS)("serve's line for %s is followed by its cause, when it has one", (action, _body, cause) => {
    const next = lineAfter(serve.output(), new RegExp(`^\\d\\d:\\d\\d:\\d\\d {2}${action}\\b`));
    if (cause) expect(next).toBe(`  why: ${cause.message}`);
    else expect(next).not.toMatch(/^ {2}why:/);
  });

  it('marks an old timestamp on the line and gives the cause under it, not the timestamp', () => {
    expect(serve.output()).toMatch(/^\d\d:\d\d:\d\d {2}old_wrong_key {2}INVALID \[old timestamp\] {2}\d{3} /m);
    expect(serve.output()).toMatch(/^\d\d:\d\d:\d\d {2}old_valid {2}valid \(\w+\) \[old timestamp\] {2}200 /m);
  });

  it('calls prints the same why-lines, and --json gives each call its signatureDiagnosis', async () => {
    const text = await runCli(['calls', '--data-dir', dataDir.path]);
    expect(text.code).toBe(0);
    for (const [action, , cause] of CALLS) {
      const next = lineAfter(text.stdout, new RegExp(`^#\\d+ {2}\\d\\d:\\d\\d:\\d\\d {2}${action}\\b`));
      if (cause) expect(next, action).toBe(`  why: ${cause.message}`);
      else expect(next, action).not.toMatch(/^ {2}why:/);
    }

    const json = await runCli(['calls', '--json', '--data-dir', dataDir.path]);
    const listed = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; signatureDiagnosis: unknown });
    expect(listed.map((call) => [call.action, call.signatureDiagnosis]).reverse()).toEqual(
      CALLS.map(([action, , cause]) => [action, cause]),
    );
  });

  it('says nothing under a signed call when no key is set: nothing was checked', async () => {
    const keyless = makeTempDir();
    const server = await startServe(['--port', '0', '--data-dir', keyless.path, '--no-inspector'], { FLOWENT_HMAC_KEY: '' });
    try {
      await post(server.baseUrl, 'no_key', signedBody(flowentPayload('no_key'), KEY));
      await server.waitFor(/^\d\d:\d\d:\d\d {2}no_key {2}no key {2}200 .*\n/m);
      expect(lineAfter(server.output(), /no_key {2}no key/)).toBe('');
      const json = await runCli(['calls', '--json', '--data-dir', keyless.path]);
      expect(JSON.parse(json.stdout)).toMatchObject({ verdict: 'no-key', signatureDiagnosis: null });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      keyless.remove();
    }
  });
});
