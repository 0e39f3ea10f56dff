// `calls --json` writes JSON Lines, a call a line. Given to `import`, the file was refused as
// JSON whose `{` on line 2 must go: an edit to a file the companion wrote itself. It is said
// for what it is, with the export that makes a file import takes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

const entry = (second: number) => ({
  startedDateTime: `2024-03-01T09:30:0${second}.000Z`,
  request: {
    method: 'POST',
    url: 'http://127.0.0.1:8787/actions/send_email',
    headers: [{ name: 'content-type', value: 'application/json' }],
    postData: { mimeType: 'application/json', text: signedBody(flowentPayload('send_email', { second }), 'k') },
  },
  response: { status: 200, headers: [], content: { text: '{"result":"ok","error":""}' } },
});

const SAID =
  'The file is what `calls --json` prints (JSON Lines, a call a line), not a HAR: import takes a HAR file. Export the calls as a HAR ' +
  '(flowent-companion export --har calls.har, with the filters calls takes, or Export HAR in the page), then import that.';

it('refuses a `calls --json` file as such, a list of calls or a single one, and says to export a HAR', async () => {
  const dir = tempDir();
  const har = join(dir, 'calls.har');
  writeFileSync(har, JSON.stringify({ log: { version: '1.2', entries: [entry(1), entry(2)] } }));
  const env = { FLOWENT_HMAC_KEY: 'k' };
  expect((await runCli(['import', har, '--data-dir', dir], env)).code).toBe(0);

  const listed = await runCli(['calls', '--json', '--data-dir', dir]);
  const detailed = await runCli(['calls', '1', '--json', '--data-dir', dir]);
  const elsewhere = tempDir();
  for (const [name, text] of [
    ['calls.jsonl', listed.stdout],
    ['one-call.json', detailed.stdout],
  ] as const) {
    const file = join(elsewhere, name);
    writeFileSync(file, text);
    const imported = await runCli(['import', file, '--data-dir', elsewhere], env);
    expect(imported.stderr.replace(/\s*\n\s*/g, ' ').trim()).toBe(`flowent-companion import: ${file}: ${SAID}`);
    expect(imported.code).toBe(2);
  }
});
