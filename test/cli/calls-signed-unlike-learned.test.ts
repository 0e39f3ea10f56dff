import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPython } from '../core/handler-check/verifier-runners';
import { flowentPayload, signedAs } from '../helpers/flowent-signer';
import { startSignatureHandler, type SignatureHandler } from '../helpers/signature-handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// `calls <id>` of a Flowent call whose valid signature matches only styles other than the one
// learned from the other calls said "valid (go)" and nothing more, though a handler written for
// the learned style rejects it; the learned style's line left such calls out. When the call's
// handler rejected it, its handler's why-line and its signature both said it.
const KEY = 'signed-unlike-key';
const env = { FLOWENT_HMAC_KEY: KEY };
const dataDir = makeTempDir();
let serve: ServeProcess | undefined;
/** The same calls through a serve forwarding to a handler that verifies as python: it rejects #5. */
const rejectedData = makeTempDir();
let rejectingServe: ServeProcess | undefined;
let python: SignatureHandler | undefined;

/** Text past ASCII and keys out of order: Python's and Go's examples sign it differently. */
const telling = (n: number) => flowentPayload('send_email', { zebra: `Zürich ${n}`, apple: n });

async function post(to: ServeProcess, body: string): Promise<number> {
  const answer = await fetch(`${to.baseUrl}/actions/send_email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await answer.arrayBuffer();
  return answer.status;
}

/** Calls 1-3 signed as the Python example does, 4 plain (every style alike), 5 as the Go example does; the statuses answered. */
async function postCalls(to: ServeProcess): Promise<number[]> {
  const statuses: number[] = [];
  for (let n = 0; n < 3; n++) statuses.push(await post(to, signedAs(telling(n), KEY, 'python')));
  statuses.push(await post(to, signedAs(flowentPayload('send_email', { to: 'a@example.com' }), KEY, 'go')));
  statuses.push(await post(to, signedAs(telling(9), KEY, 'go')));
  return statuses;
}

beforeAll(async () => {
  serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir.path], env);
  expect(await postCalls(serve)).toEqual([200, 200, 200, 200, 200]);
  if (!hasPython) return;
  python = await startSignatureHandler('python', KEY);
  rejectingServe = await startServe(['--port', '0', '--no-inspector', '--data-dir', rejectedData.path, '--forward', python.target], env);
  expect(await postCalls(rejectingServe)).toEqual([200, 200, 200, 200, 401]);
}, 60_000);

afterAll(async () => {
  await stopServeAndFolder(serve, dataDir);
  await stopServeAndFolder(rejectingServe, rejectedData, python);
});

/** What `calls <id>` prints. */
async function shownInFull(id: number, folder = dataDir.path): Promise<string> {
  const shown = await runCli(['calls', String(id), '--data-dir', folder], env);
  expect(shown.code, shown.stderr).toBe(0);
  return shown.stdout;
}

/** The lines `calls <id>` prints under Signature, up to the first style's row. */
async function signatureHead(id: number): Promise<string[]> {
  const lines = (await shownInFull(id)).split('\n');
  const start = lines.findIndex((line) => line.startsWith('Signature:'));
  const rows = lines.findIndex((line, i) => i > start && /^ {2}(matched|no match|unchecked) /.test(line));
  return lines.slice(start, rows).filter((line) => !line.startsWith('  timestamp'));
}

const UNLIKE = '  Signed unlike the other Flowent calls (learned: python, from 4 calls); a handler that verifies as python rejects it.';
/** How the handler's why-line says the same: this call's style, then the learned one. */
const MOST_CALLS =
  "this call was signed with go, a style it does not verify with, though most of this Flowent's calls are signed with python.";

/** How many times `text` holds `part`. */
const times = (text: string, part: string) => text.split(part).length - 1;

describe('a Flowent call signed unlike the learned style', () => {
  it('is said so under its signature in calls <id>, once, and in calls <id> --json', async () => {
    expect(await signatureHead(5)).toEqual([expect.stringMatching(/^Signature: {2}valid \(go\), received [0-9a-f]{64}$/), UNLIKE]);
    const shown = await shownInFull(5);
    expect([times(shown, UNLIKE.trim()), times(shown, MOST_CALLS)]).toEqual([1, 0]);
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

describe.skipIf(!hasPython)('a Flowent call signed unlike the learned style that its handler rejected', () => {
  it("is told once in calls <id>: by its handler's why-line, not again under its signature", async () => {
    const shown = await shownInFull(5, rejectedData.path);
    expect(shown).toMatch(/^ {2}why: Your handler rejected a valid signature \(it answered 401[^)]*\): this call was signed with go/m);
    expect([times(shown, MOST_CALLS), times(shown, UNLIKE.trim())]).toEqual([1, 0]);
    // The fact stays in the data: only where it is told in words changed.
    const json = await runCli(['calls', '5', '--json', '--data-dir', rejectedData.path], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ signedUnlikeLearned: { style: 'python', fromCalls: 4 } });
  });
});
