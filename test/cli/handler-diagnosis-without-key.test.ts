import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../main/core/signature';
import { hasPython } from '../core/handler-check/verifier-runners';
import { startSignatureHandler, type SignatureHandler } from '../helpers/signature-handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// `calls` reads the history in a process of its own, with or without FLOWENT_HMAC_KEY: the
// handler's diagnosis of a stored call is the one serve printed either way. A real serve
// forwards to a real python handler whose key is not the companion's.

const KEY = 'calls-without-key';
const dataDir = makeTempDir();
let handler: SignatureHandler;
let serve: ServeProcess;

const KEY_NOT_STYLE =
  /^ {2}why: Your handler rejected a valid signature \(it answered 401 "Invalid signature"\), and every known style gives the same signed text for this call: its key differs, or it verifies text none of the known styles produce \(common: spaces after , or :, .*Check that your handler's FLOWENT_HMAC_KEY equals the key/;

beforeAll(async () => {
  if (!hasPython) return;
  handler = await startSignatureHandler('python', 'the-handler-has-another-key');
  serve = await startServe(['--port', '0', '--data-dir', dataDir.path, '--no-inspector', '--forward', handler.target], {
    FLOWENT_HMAC_KEY: KEY,
  });
}, 60_000);
afterAll(() => stopServeAndFolder(serve, dataDir, handler));

/** The line printed after the first one `line` matches ('' at the end). */
function lineAfter(output: string, line: RegExp): string {
  const lines = output.split('\n');
  const at = lines.findIndex((each) => line.test(each));
  expect(at, `no line ${line} in:\n${output}`).toBeGreaterThanOrEqual(0);
  return lines[at + 1] ?? '';
}

describe.skipIf(!hasPython)('calls tells why the handler refused a valid call, whether or not the key is set', () => {
  it('an ASCII call every style signs alike: the key, or text no known style writes, with and without FLOWENT_HMAC_KEY', async () => {
    const body = sign(
      JSON.stringify({ action_name: 'greet', parameters: { name: 'Ada' }, timestamp: Math.floor(Date.now() / 1000) }),
      KEY,
      'python',
    ).body;
    const response = await fetch(`${serve.baseUrl}/actions/greet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.arrayBuffer();
    expect(response.status).toBe(401);
    await serve.waitFor(/greet {2}valid \(python\) {2}401 {2}handler REJECTED the signature {2}.*\n.*\n/);
    expect(lineAfter(serve.output(), /greet {2}valid \(python\) {2}401/)).toMatch(KEY_NOT_STYLE);

    for (const key of [KEY, '']) {
      const args = ['calls', '--data-dir', dataDir.path, '--action', 'greet'];
      const text = await runCli(args, { FLOWENT_HMAC_KEY: key });
      expect(text.code, text.stderr).toBe(0);
      expect(lineAfter(text.stdout, /^#\d+ {2}\S+ {2}greet {2}valid \(python\) {2}401/), `key "${key}"`).toMatch(KEY_NOT_STYLE);
      const json = await runCli([...args, '--json'], { FLOWENT_HMAC_KEY: key });
      const line = JSON.parse(json.stdout.trim()) as { handlerDiagnosis: { code: string; message: string } | null };
      expect(line.handlerDiagnosis?.code, `key "${key}"`).toBe('handler-refused-valid-signature');
      expect(`  why: ${line.handlerDiagnosis?.message}`).toMatch(KEY_NOT_STYLE);
    }
  });
});
