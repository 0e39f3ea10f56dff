// `npm run serve` builds at --logLevel warn, then serves: whatever the build prints comes before
// serve's own lines, so a build of sound code prints nothing. Rolldown's warning that plugins
// took much of the build's time depends on how busy the machine is, not on the code; here every
// transform is made slow, as a busy machine makes it, in each of the three builds.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const CHECKOUT = resolve(__dirname, '../..');
// Inside the checkout (git-ignored), so the wrapping config finds electron-vite and the real config.
const ARTIFACTS = join(CHECKOUT, 'test-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
const work = mkdtempSync(join(ARTIFACTS, 'quiet-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SLOW_CONFIG = `import config from '${relative(work, join(CHECKOUT, 'electron.vite.config')).split('\\').join('/')}';
const slow = {
  name: 'slow-transforms',
  transform() {
    const until = Date.now() + 5;
    while (Date.now() < until);
    return null;
  },
};
for (const part of [config.main, config.preload, config.renderer]) part.plugins = [...(part.plugins ?? []), slow];
export default config;
`;

it('prints nothing at --logLevel warn when plugins take most of the build time', async () => {
  const configFile = join(work, 'slow.config.mjs');
  writeFileSync(configFile, SLOW_CONFIG);
  const built = await run(
    process.execPath,
    [
      join(CHECKOUT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
      'build',
      '--config',
      configFile,
      '--logLevel',
      'warn',
      // Absolute: the renderer's build takes a relative outDir from its own root.
      '--outDir',
      join(work, 'out'),
    ],
    { cwd: CHECKOUT },
  );
  expect(built.stdout + built.stderr).toBe('');
}, 180_000);
