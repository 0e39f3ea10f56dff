// Every command that lists has --json (one JSON object a line, nothing else on stdout), and no
// output carries colour codes: the command line prints plain text, whatever the terminal or
// NO_COLOR says.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowentGateway } from '../fixtures/flowent-gateway/gateway';
import { bigHar } from '../helpers/big-har';
import { runInProcess } from '../helpers/in-process-cli';
import { startCore, type RunningCore } from '../helpers/running-core';
import { makeTempDir } from '../helpers/temp-dir';

const dir = makeTempDir();
const dataDir = join(dir.path, 'data');
const gateway = new FlowentGateway();
/** Where the registered action points: Flowent's registration check must be answered. */
let companion: RunningCore;
const env = () => ({ FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' });
const cli = (args: string[]) => runInProcess([...args, '--data-dir', dataDir], { env: env(), cwd: dir.path });

beforeAll(async () => {
  await gateway.start();
  companion = await startCore();
  const har = join(dir.path, 'calls.har');
  writeFileSync(har, bigHar(5_000, 'key').text);
  // import starts a history only in a folder that is there (a --data-dir naming none is a typo).
  mkdirSync(dataDir);
  const mock = join(dir.path, 'mock.json');
  writeFileSync(mock, '{"status": 200, "body": {"result": "ok", "error": ""}}');
  writeFileSync(join(dir.path, 'schema.json'), '{"type": "object"}');
  for (const args of [
    ['import', har],
    ['mocks', 'set', 'send_email', '--file', mock],
    ['targets', 'set', 'send_email', 'http://127.0.0.1:9/hook'],
    [
      'actions',
      'register',
      'send_email',
      '--description',
      'Sends',
      '--schema',
      `@${join(dir.path, 'schema.json')}`,
      '--url',
      companion.baseUrl,
    ],
  ])
    expect((await cli(args)).code, args.join(' ')).toBe(0);
}, 60_000);
afterAll(async () => {
  await gateway.stop();
  await companion.close();
  dir.remove();
});

const LISTINGS = [
  ['calls'],
  ['mocks', 'list'],
  ['targets', 'list'],
  ['actions', 'list'],
  ['actions', 'links'],
  ['actions', 'profile', 'list'],
];

describe('listing commands', () => {
  it.each(LISTINGS.map((args) => [args.join(' '), args] as const))('%s --json prints one JSON object a line', async (_name, args) => {
    const listed = await cli([...args, '--json']);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toBeTypeOf('object');
  });

  it.each(LISTINGS.map((args) => [args.join(' '), args] as const))('%s prints no colour codes', async (_name, args) => {
    const listed = await cli(args);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/\S/);
    // eslint-disable-next-line no-control-regex
    expect(listed.stdout + listed.stderr).not.toMatch(/\u001b\[/);
  });
});
