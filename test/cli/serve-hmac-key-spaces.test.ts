// A key copied with a space or a line break at an end never matches, so every call reads INVALID:
// the page said so of a key typed there, and `serve` took one from the environment without a word.
import { expect, it } from 'vitest';
import { edgeSpaceWords } from '../../main/contract/words';
import { startServe } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

async function serveWithKey(key: string) {
  const server = await startServe(['--port', '0', '--no-inspector', '--data-dir', tempDir()], { FLOWENT_HMAC_KEY: key });
  cleanups.push(async () => {
    if (server.child.exitCode === null) server.child.kill('SIGTERM');
    await server.exited;
  });
  await server.waitFor(/Press Ctrl-C to stop\./);
  return server.stdout();
}

it('serve says a FLOWENT_HMAC_KEY with a space or a line break at an end is used as it is, in the words the page uses', async () => {
  const said = await serveWithKey('hmacKEYvalue42\n');
  expect(said).toContain(
    '  HMAC key:     set (from FLOWENT_HMAC_KEY)\n' +
      '                FLOWENT_HMAC_KEY starts or ends with a space or a line break, which is used as it\n' +
      '                is: if it came with the copy, remove it, or signatures made with the key without it\n' +
      '                will not match.\n',
  );
  expect(edgeSpaceWords('FLOWENT_HMAC_KEY', 'used as it is')).toContain('starts or ends with a space or a line break');
  expect(await serveWithKey(' hmacKEYvalue42')).toContain('FLOWENT_HMAC_KEY starts or ends with a space');
  expect(said).not.toContain('hmacKEYvalue42');
});

it('says nothing of spaces for a key without them', async () => {
  const said = await serveWithKey('hmac key with inner spaces');
  expect(said).toContain('  HMAC key:     set (from FLOWENT_HMAC_KEY)\n');
  expect(said).not.toContain('starts or ends with a space');
});
