// What import says of a HAR's entries, and how calls dates what it imported.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

const entry = (startedDateTime: string, text: unknown) => ({
  startedDateTime,
  request: {
    method: 'POST',
    url: 'http://127.0.0.1:8787/actions/send_email',
    headers: [{ name: 'content-type', value: 'application/json' }],
    postData: { mimeType: 'application/json', text },
  },
  response: { status: 200, headers: [], content: { text: '{"result":"ok","error":""}' } },
});

function harFile(dir: string, entries: unknown[]): string {
  const file = join(dir, 'calls.har');
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', entries } }));
  return file;
}

it('import says what is wrong with a POST whose body is not text, and counts it apart from the GETs it skips', async () => {
  const dir = tempDir();
  const file = harFile(dir, [
    entry('2024-03-01T00:00:00.000Z', 12),
    { request: { method: 'GET', url: 'http://127.0.0.1/' }, response: {} },
  ]);
  const result = await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: '' });
  expect(result.stdout).toBe(`Imported 0 calls from ${file}; skipped 2: 1 not a POST with a body, 1 broken.\n`);
  expect(result.stderr).toContain('  skipped log.entries[0].request.postData.text: is a number, not the body as a string.\n');
  expect(result.code).toBe(1);
});

it('import counts every entry it left out: broken ones alone, and beside a call it imported', async () => {
  const dir = tempDir();
  const brokenOnly = harFile(dir, [{ request: null }, { request: 5 }]);
  const alone = await runCli(['import', brokenOnly, '--data-dir', dir], { FLOWENT_HMAC_KEY: '' });
  expect(alone.stdout).toBe(`Imported 0 calls from ${brokenOnly}; skipped 2 broken entries.\n`);
  expect(alone.stderr).toContain('  skipped log.entries[0].request: ');
  expect(alone.stderr).toContain('  skipped log.entries[1].request: ');
  expect(alone.code).toBe(1);

  const body = signedBody(flowentPayload('send_email', { n: 1 }), 'any-key');
  const mixed = harFile(dir, [
    { request: null },
    { request: { method: 'GET', url: 'http://127.0.0.1/' } },
    entry('2024-03-01T00:00:00.000Z', body),
  ]);
  const result = await runCli(['import', mixed, '--data-dir', dir], { FLOWENT_HMAC_KEY: '' });
  expect(result.stdout).toBe(`Imported 1 call from ${mixed}; skipped 2: 1 not a POST with a body, 1 broken.\n`);
  expect(result.code).toBe(1);
});

it('import of a HAR with no entries says so on stderr, prints nothing on stdout, and exits 2 as for an empty file', async () => {
  const dir = tempDir();
  const file = harFile(dir, []);
  expect(await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: '' })).toEqual({
    code: 2,
    stdout: '',
    stderr:
      `flowent-companion import: ${file}: The file is a HAR with no entries ("log.entries" is an empty list): there is nothing to import. ` +
      'Choose a HAR file that holds calls.\n',
  });
});

it('calls gives the date of a call from another day, and the time only of one from today', async () => {
  const dir = tempDir();
  const now = new Date();
  const body = signedBody(flowentPayload('send_email', { n: 1 }), 'any-key');
  const file = harFile(dir, [entry('2024-03-01T09:30:05.000Z', body), entry(now.toISOString(), body)]);
  expect((await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: '' })).code).toBe(0);
  const listed = await runCli(['calls', '--data-dir', dir]);
  expect(listed.code).toBe(0);
  const lines = listed.stdout.split('\n').filter((line) => line.startsWith('#'));
  expect(lines[0]).toMatch(new RegExp(`^#2  ${now.toISOString().slice(11, 19)}  send_email `));
  expect(lines[1]).toMatch(/^#1 {2}2024-03-01 09:30:05 {2}send_email /);
});

it('import stores a file written out of time order oldest first, so calls lists it newest first', async () => {
  const dir = tempDir();
  const body = (n: number) => signedBody(flowentPayload('send_email', { n }), 'any-key');
  const file = harFile(dir, [
    entry('2024-03-01T09:30:02.000Z', body(2)),
    entry('2024-03-01T09:30:03.000Z', body(3)),
    entry('2024-03-01T09:30:01.000Z', body(1)),
  ]);
  expect((await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: '' })).code).toBe(0);
  const listed = await runCli(['calls', '--data-dir', dir]);
  const lines = listed.stdout.split('\n').filter((line) => line.startsWith('#'));
  expect(lines.map((line) => /^#(\d+) {2}2024-03-01 (\S+) /.exec(line)?.slice(1))).toEqual([
    ['3', '09:30:03'],
    ['2', '09:30:02'],
    ['1', '09:30:01'],
  ]);
});

it("marks every imported call imported: a replay or a simulated call from another companion's export says what it was there too", async () => {
  const dir = tempDir();
  const body = signedBody(flowentPayload('send_email', { n: 1 }), 'any-key');
  const file = harFile(dir, [
    entry('2024-03-01T09:30:01.000Z', body),
    { ...entry('2024-03-01T09:30:02.000Z', body), _source: 'replay' },
    { ...entry('2024-03-01T09:30:03.000Z', body), _source: 'simulator' },
  ]);
  expect((await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: '' })).code).toBe(0);

  const listed = await runCli(['calls', '--data-dir', dir]);
  const marks = listed.stdout
    .split('\n')
    .filter((line) => line.startsWith('#'))
    .map((line) => /send_email( \[[^\]]+\])?/.exec(line)?.[1]);
  expect(marks).toEqual([' [imported simulated]', ' [imported replay]', ' [imported]']);
  // `calls <id>` heads the call with the same line; --json keeps its source and says it was imported.
  expect((await runCli(['calls', '2', '--data-dir', dir])).stdout).toMatch(/^#2 .*send_email \[imported replay\] /);
  const json = await runCli(['calls', '--json', '--data-dir', dir]);
  const read = json.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { source: string; imported: boolean });
  expect(read.map(({ source, imported }) => [source, imported])).toEqual([
    ['simulator', true],
    ['replay', true],
    ['import', true],
  ]);
});
