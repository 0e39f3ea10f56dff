import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli';
import { runCli } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  apiTokenNowWords,
  exportedWords,
  importToastWords,
  missingCallWords,
  noFlowentCallsWords,
  nothingToReplayWords,
} from '../../main/contract/words';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';

// Facts the command line and the page both say, each in one function's words: the page once
// said them its own way ("Call #99 is no longer stored.", "No call from Flowent matches..."),
// and a change of wording reached one of the two only.
const dir = makeTempDir();
const env = { FLOWENT_HMAC_KEY: 'twins-key' };
afterAll(() => dir.remove());

// A history holding one simulated call (port 1: nobody there): stored, but not Flowent's.
beforeAll(async () => {
  const sent = await runInProcess(['send', 'send_email', '--target', 'http://127.0.0.1:1/x', '--data-dir', dir.path], { env });
  expect(sent.stdout).toMatch(/^Sent #1 /);
});

describe('a fact the command line and the page both say', () => {
  it('a call that is not in the history: `calls <id>` says what the call detail says', async () => {
    const result = await runInProcess(['calls', '99', '--data-dir', dir.path], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`flowent-companion calls: ${missingCallWords(99, null)}\n`);
  });

  it('no call from Flowent to replay: `replay --action` and the bulk replay form say it in one sentence, each with its own terms', async () => {
    // The shared sentence around the two places each front end fills in.
    const [opening, middle] = noFlowentCallsWords('\0', '\0').split('\0');
    const result = await runInProcess(['replay', '--action', 'send_email', '--target', 'http://127.0.0.1:1/x', '--data-dir', dir.path], {
      env,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${opening}of action send_email ${middle}`);
    expect(nothingToReplayWords({ action: 'send_email' })).toContain(`${opening}in the list’s filter (action send_email) ${middle}`);
  });

  it("a HAR whose calls the history holds already: `import` and the page's toast say why they were left out alike", async () => {
    const har = join(dir.path, 'calls.har');
    const entry = (n: number) => ({
      startedDateTime: '2026-01-01T00:00:00.000Z',
      request: {
        method: 'POST',
        url: 'http://127.0.0.1:8787/actions/send_email',
        headers: [{ name: 'content-type', value: 'application/json' }],
        postData: { mimeType: 'application/json', text: signedBody(flowentPayload('send_email', { n }), 'twins-key') },
      },
      response: { status: 200, headers: [], content: { text: '{"result":"ok","error":""}' } },
    });
    writeFileSync(har, JSON.stringify({ log: { version: '1.2', entries: [entry(1), entry(2)] } }));
    expect((await runInProcess(['import', har, '--data-dir', dir.path], { env })).code).toBe(0);

    const again = await runInProcess(['import', har, '--data-dir', dir.path], { env });
    const page = importToastWords({ opened: true, imported: 0, duplicates: 2, skipped: 0, notFlowent: 0, problems: [], overLimits: 0 });
    const leftOut = 'left out 2 already in the history (same path, body and time received: imported before).';
    expect(again.stdout).toBe(`Imported 0 calls from ${har}; ${leftOut}\n`);
    expect(page).toBe(`Imported 0 calls; ${leftOut}`);
  });

  it("a HAR export written to a file: `export` and the page's export saved by the desktop app say it in one sentence", async () => {
    const har = join(dir.path, 'exported.har');
    const result = await runCli(['export', '--har', har, '--action', 'send_email', '--limit', '1', '--data-dir', dir.path], env);
    expect(result.code).toBe(0);
    // The newest 1 of however many calls the other tests left in the history.
    const saidOf = /^Exported the newest 1 of (\d+) calls to /.exec(result.stderr);
    expect(saidOf).not.toBeNull();
    const exported = { count: 1, matched: Number(saidOf?.[1]) };
    const leftOut = result.stderr.split('; ')[1]?.replace(/\n$/, '') ?? null;
    expect(result.stderr).toBe(`${exportedWords(exported, { file: har, leftOut })}\n`);
  });

  it("no API token: `actions` says it as the page's API token section does, each with its own way to set one", async () => {
    const home = makeTempDir();
    try {
      const result = await runCli(['actions', 'list', '--data-dir', home.path], { HOME: home.path, FLOWENT_API_TOKEN: '' });
      expect(result.code).toBe(1);
      const create = "Create one in Flowent's Gateway Management (API Tokens) and";
      expect(result.stderr).toBe(`flowent-companion actions: No Flowent API token is set. ${create} set FLOWENT_API_TOKEN.\n`);
      expect(apiTokenNowWords('default', { set: false, source: null }, 'FLOWENT_API_TOKEN')).toBe(
        `No Flowent API token is set. ${create} paste it here.`,
      );
    } finally {
      home.remove();
    }
  });
});
