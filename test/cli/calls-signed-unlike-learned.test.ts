import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowentPayload, signedAs } from '../helpers/flowent-signer';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// `calls <id>` of a Flowent call whose valid signature matches only styles other than the one
// learned from the other calls said "valid (go)" and nothing more, though a handler written for
// the learned style rejects it; the learned style's line left such calls out.
const KEY = 'signed-unlike-key';
const env = { FLOWENT_HMAC_KEY: KEY };
const dataDir = makeTempDir();
let serve: ServeProcess | undefined;

/** Text past ASCII and keys out of order: Python's and Go's examples sign it differently. */
const telling = (n: number) => flowentPayload('send_email', { zebra: `Zürich ${n}`, apple: n });

async function post(body: string): Promise<void> {
  const answer = await fetch(`${serve!.baseUrl}/actions/send_email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  expect(answer.status).toBe(200);
  await answer.arrayBuffer();
}

beforeAll(async () => {
  serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir.path], env);
  // Calls 1-3 signed as the Python example does, 4 plain (every style alike), 5 as the Go example does.
  for (let n = 0; n < 3; n++) await post(signedAs(telling(n), KEY, 'python'));
  await post(signedAs(flowentPayload('send_email', { to: 'a@example.com' }), KEY, 'go'));
  await post(signedAs(telling(9), KEY, 'go'));
}, 60_000);

afterAll(() => stopServeAndFolder(serve, dataDir));

/** The lines `calls <id>` prints under Signature, up to the first style's row. */
async function signatureHead(id: number): Promise<string[]> {
  const shown = await runCli(['calls', String(id), '--data-dir', dataDir.path], env);
  expect(shown.code, shown.stderr).toBe(0);
  const lines = shown.stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Signature:'));
  const rows = lines.findIndex((line, i) => i > start && /^ {2}(matched|no match|unchecked) /.test(line));
  return lines.slice(start, rows).filter((line) => !line.startsWith('  timestamp'));
}

const UNLIKE = '  Signed unlike the other Flowent calls (learned: python, from 4 calls); a handler that verifies as python rejects it.';

describe('a Flowent call signed unlike the learned style', () => {
  it('is said so under its signature in calls <id>, and in calls <id> --json', async () => {
    expect(await signatureHead(5)).toEqual([expect.stringMatching(/^Signature: {2}valid \(go\), received [0-9a-f]{64}$/), UNLIKE]);
    const json = await runCli(['calls', '5', '--json', '--data-dir', dataDir.path], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ signedUnlikeLearned: { style: 'python', fromCalls: 4 } });
  });

  it('is not said of the calls the learned style signs, nor of one every style signs alike', async () => {
    for (const id of [1, 4]) expect(await signatureHead(id)).not.toContain(UNLIKE);
    const json = await runCli(['calls', '4', '--json', '--data-dir', dataDir.path], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ signedUnlikeLearned: null });
  });

  it("is counted in the learned style's line of verifier", async () => {
    const learned = await runCli(['verifier', 'node', '--data-dir', dataDir.path], env);
    expect(learned.code, learned.stderr).toBe(0);
    expect(learned.stderr).toContain(
      'Style python: learned from the Flowent calls signed with this FLOWENT_HMAC_KEY (python, 4 of 5 calls; 1 signed go); --style picks another.\n',
    );
  });
});
