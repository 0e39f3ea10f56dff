// A call can come the moment the webhook listens, while serve still starts its inspector and
// writes its banner. Such calls were stored and answered, but their lines were never printed:
// serve began to hear the webhook's events only after the banner.
import { expect, it } from 'vitest';
import { startCommand } from '../helpers/spawn-cli';
import { postSigned } from '../helpers/flowent-signer';
import { steadyPort } from '../helpers/steady-port';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

it('says each call that came while serve was starting, after its banner', async () => {
  const port = await steadyPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let ready = false;
  const starting = startCommand(
    ['serve', '--port', String(port), '--inspector-port', '0', '--data-dir', tempDir()],
    { FLOWENT_HMAC_KEY: 'key' },
    /Press Ctrl-C to stop\./,
  ).finally(() => (ready = true));
  // Calls as soon as the port takes them, until serve says it is ready, then one more.
  let answered = 0;
  let refusedAtFirst = 0;
  while (!ready) {
    const status = await postSigned(baseUrl, `came_early_${answered}`, {}, 'key').then(
      (answer) => answer.status,
      () => null,
    );
    if (status === null) refusedAtFirst += 1;
    else {
      expect(status).toBe(200);
      answered += 1;
    }
  }
  const serve = await starting;
  cleanups.push(async () => {
    if (serve.child.exitCode === null) serve.child.kill('SIGTERM');
    await serve.exited;
  });
  expect((await postSigned(baseUrl, `came_early_${answered}`, {}, 'key')).status).toBe(200);
  answered += 1;
  // The port was tried before serve listened, so some calls came during the start.
  expect(refusedAtFirst).toBeGreaterThan(0);

  await serve.waitFor(new RegExp(` came_early_${answered - 1} `), 10_000);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const said = serve.stdout();
  const bannerEnd = said.indexOf('Press Ctrl-C to stop.');
  const late = Array.from({ length: answered }, (_, n) => `came_early_${n}`).filter((name) => !(said.indexOf(` ${name} `) > bannerEnd));
  expect(late, `of ${answered} calls, these have no line after the banner`).toEqual([]);
});
