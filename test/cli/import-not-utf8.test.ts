// `import` refuses a HAR file that is not UTF-8, in the inspector upload's words, rather than
// reading its bad bytes as U+FFFD and storing them in the calls it imports.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

const entry = {
  startedDateTime: '2024-03-01T09:30:01.000Z',
  request: {
    method: 'POST',
    url: 'http://127.0.0.1:8787/actions/send_email',
    headers: [{ name: 'content-type', value: 'application/json' }],
    postData: { mimeType: 'application/json', text: signedBody(flowentPayload('send_email', { n: 1 }), 'k') },
  },
  response: { status: 200, headers: [], content: { text: '{"result":"ok","error":""}' } },
};

/** A HAR of one good call whose comment holds `comment`'s bytes, and where they start. */
function harWithComment(comment: Buffer): { bytes: Buffer; at: number } {
  const head = Buffer.from(`{"log":{"version":"1.2","entries":[${JSON.stringify(entry)}],"comment":"`);
  return { bytes: Buffer.concat([head, comment, Buffer.from('"}}')]), at: head.length };
}

const calls = async (dir: string) =>
  (await runCli(['calls', '--json', '--data-dir', dir])).stdout.split('\n').filter((line) => line.startsWith('{')).length;

it('refuses a HAR file that is not UTF-8, naming the byte, exits 2 and imports nothing', async () => {
  const dir = tempDir();
  const file = join(dir, 'latin1.har');
  const { bytes, at } = harWithComment(Buffer.from([0x63, 0x61, 0x66, 0xe9])); // "café" in Latin-1
  writeFileSync(file, bytes);
  const refused = await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: 'k' });
  expect(refused.stderr).toBe(
    `flowent-companion import: ${file}: The HAR file is not valid UTF-8: byte ${at + 3} (0xe9) begins an invalid or incomplete UTF-8 sequence. ` +
      'Save it encoded as UTF-8, then import it again.\n',
  );
  expect(refused.stdout).toBe('');
  expect(refused.code).toBe(2);
  expect(await calls(dir)).toBe(0);

  // The same file in UTF-8 is imported: only the encoding was refused.
  writeFileSync(file, harWithComment(Buffer.from('café')).bytes);
  const taken = await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: 'k' });
  expect(taken.stdout).toBe(`Imported 1 call from ${file}.\n`);
  expect(taken.code).toBe(0);
  expect(await calls(dir)).toBe(1);
});
