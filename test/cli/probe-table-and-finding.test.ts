import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../main/core/signature';
import { startSignatureHandler, type SignatureHandler } from '../helpers/signature-handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';
import { hasPython } from '../core/handler-check/verifier-runners';

// replay --probe-styles against a handler that verifies like json.dumps (ASCII escapes), for a
// Flowent whose calls taught the raw style: the table and the finding under it say the same.

const KEY = 'probe-agrees-key';
const dataDir = makeTempDir();
const env = { FLOWENT_HMAC_KEY: KEY, FLOWENT_COMPANION_DATA_DIR: dataDir.path };
let serve: ServeProcess;
let handler: SignatureHandler;

/** A Flowent call signed raw over `text`, through serve (its mock answers). */
async function flowentCall(text: string): Promise<void> {
  const answer = await fetch(`${serve.baseUrl}/actions/greet`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: sign(text, KEY, 'raw').body,
  });
  await answer.arrayBuffer();
}

beforeAll(async () => {
  if (!hasPython) return;
  handler = await startSignatureHandler('python', KEY);
  serve = await startServe(['--port', '0', '--data-dir', dataDir.path, '--no-inspector'], env);
}, 60_000);
afterAll(() => stopServeAndFolder(serve, dataDir, handler));

describe.skipIf(!hasPython)('replay --probe-styles', () => {
  it('does not show raw accepted in the table when the finding says the handler refuses it', async () => {
    const now = Math.floor(Date.now() / 1000);
    // Spaced bytes only raw signs: what these calls teach is raw.
    for (let n = 0; n < 3; n++) await flowentCall(`{"action_name": "greet", "parameters": {"n": ${n}}, "timestamp": ${now}}`);
    // Compact, keys as sent, ASCII escapes: raw gives python's bytes for this one.
    await flowentCall(`{"action_name":"greet","parameters":{"name":"Ren\\u00e9e"},"timestamp":${now}}`);
    const probed = await runCli(['replay', '4', '--probe-styles', '--target', handler.target], env);
    // It refuses the style this Flowent signs with: every real call would be refused, so a CI step fails.
    expect(probed.code, probed.stderr).toBe(1);
    // The table's first row: python's request, raw's too (the same bytes), accepted.
    expect(probed.stdout).toMatch(/^ {2}accepted {3}python, raw \(here only\), sorted\+ascii,/m);
    expect(probed.stdout).toMatch(/^ {2}REJECTED {3}go, go-struct, as-sent\+go, as-sent\+utf8,/m);
    const finding = probed.stdout.slice(probed.stdout.indexOf('Your handler')).replace(/\n {2}/g, ' ');
    expect(finding).toBe(
      'Your handler checks signatures: it rejected the wrong signature and accepted python, sorted+ascii, ' +
        'nested-sorted+ascii, struct+ascii. It rejects raw, the style this Flowent signs with (it accepted raw only ' +
        "in #5, where its bytes were python's, and rejected #6, whose signature raw matches too): " +
        '"flowent-companion verifier <python|node|go> --style raw" prints a verifier that accepts it.\n',
    );
  });

  it('exits 1 for a handler that refuses every style (another key), though it checks signatures', async () => {
    const otherKey = await startSignatureHandler('python', 'another-key');
    try {
      await flowentCall(`{"action_name":"greet","parameters":{"n":0},"timestamp":${Math.floor(Date.now() / 1000)}}`);
      const last = JSON.parse((await runCli(['calls', '--json', '--limit', '1'], env)).stdout) as { id: number };
      const probed = await runCli(['replay', String(last.id), '--probe-styles', '--target', otherKey.target], env);
      expect(probed.code, probed.stdout).toBe(1);
      expect(probed.stdout).toMatch(/^ {2}rejected {3}wrong signature/m);
    } finally {
      await otherKey.stop();
    }
  });
});
