import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/handler-process';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

// README's table: a bad value in a file the command names, or in a setting, exits 2 (fix it and
// run again), named as what it is; 1 is for failures at run time. Each runs the built command.

const { tempDir } = cleanupsPerTest();
const KEY = { FLOWENT_HMAC_KEY: 'bad-values-key' };

describe('bad values exit 2', () => {
  it('send --params @file whose call would be over 1 MB', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify({ text: 'x'.repeat(1_100_000) }));
    const sent = await runCli(
      ['send', 's1', '--params', `@${file}`, '--target', `http://127.0.0.1:${await closedPort()}/`, '--data-dir', dir],
      KEY,
    );
    expect(sent.stderr).toMatch(/over Flowent's limit of 1048576 bytes/);
    expect(sent.code).toBe(2);
  });

  it('send --schema @file with a $ref that resolves to nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'badref.json');
    writeFileSync(file, JSON.stringify({ type: 'object', properties: { a: { $ref: '#/definitions/nope' } }, required: ['a'] }));
    const sent = await runCli(
      ['send', 's1', '--schema', `@${file}`, '--target', `http://127.0.0.1:${await closedPort()}/`, '--data-dir', dir],
      KEY,
    );
    expect(sent.stderr).toMatch(/Cannot generate parameters from the schema of s1: .*#\/definitions\/nope/);
    expect(sent.code).toBe(2);
  });

  it.each([
    ['with an API token', { FLOWENT_API_TOKEN: 'token' }],
    ['without one', { FLOWENT_API_TOKEN: '' }],
  ])('a malformed FLOWENT_BASE_URL is named as a setting, %s, not blamed on the network', async (_, token) => {
    const dir = tempDir();
    const listed = await runCli(['actions', 'list', '--data-dir', dir], { ...token, FLOWENT_BASE_URL: 'notaurl' });
    expect(listed.stderr).toBe(
      'flowent-companion actions: FLOWENT_BASE_URL is "notaurl", which is not a Gateway URL, so nothing was sent. ' +
        'Set it to an http(s) URL such as https://api.flowent.chat/api/v1/gateway, or unset it.\n',
    );
    expect(listed.code).toBe(2);
  });

  it('serve --body-limit over 64mb: each body is held in memory whole', async () => {
    const served = await runCli(['serve', '--port', '0', '--no-inspector', '--body-limit', '100gb', '--data-dir', tempDir()], KEY);
    expect(served.stderr).toContain('--body-limit can be at most 64 MB');
    expect(served.stderr).toContain('not "100gb"');
    expect(served.code).toBe(2);
  });

  it('serve --no-inspector with --inspector-port: the two say opposite things', async () => {
    const served = await runCli(['serve', '--port', '0', '--no-inspector', '--inspector-port', '5', '--data-dir', tempDir()], KEY);
    expect(served.stderr).toContain('--inspector-port is the port of the inspector, which --no-inspector turns off');
    expect(served.code).toBe(2);
  });

  // It said the port was in use and to stop the program using it: serve itself, its webhook listening there.
  it('serve with --port and --inspector-port the same: each needs its own', async () => {
    const served = await runCli(['serve', '--port', '18950', '--inspector-port', '18950', '--data-dir', tempDir()], KEY);
    expect(served.stderr).toBe(
      'flowent-companion serve: --port and --inspector-port are both 18950: the webhook and the inspector each need a port of their own.\n' +
        'See "flowent-companion serve --help".\n',
    );
    expect(served.code).toBe(2);
    const onDefault = await runCli(['serve', '--port', '8788', '--data-dir', tempDir()], KEY);
    expect(onDefault.stderr).toContain(
      "--port 8788 is the inspector's own port: give the inspector another with --inspector-port, or the webhook another with --port.",
    );
    expect(onDefault.code).toBe(2);
  });
});
