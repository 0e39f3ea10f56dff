import { expect, it } from 'vitest';
import { handlerAndFolderPerTest, rawHeader } from '../helpers/handler-process';
import { runCli, startServe } from '../helpers/spawn-cli';

const { cleanups, handlerAndFolder } = handlerAndFolderPerTest();

it('send and replay straight to a handler send no X-Forwarded-For; through serve it names only the real hop', async () => {
  const { handler, dir } = await handlerAndFolder();
  const env = { FLOWENT_HMAC_KEY: 'key' };
  expect((await runCli(['send', 'ok', '--target', handler.target, '--data-dir', dir.path], env)).code).toBe(0);
  expect((await runCli(['replay', '1', '--target', handler.target, '--data-dir', dir.path], env)).code).toBe(0);

  const serve = await startServe(['--port', '0', '--no-inspector', '--forward', handler.target, '--data-dir', dir.path], env);
  cleanups.push(async () => {
    serve.child.kill('SIGTERM');
    await serve.exited;
  });
  expect((await runCli(['send', 'ok', '--target', `${serve.baseUrl}/actions/{action_name}`, '--data-dir', dir.path], env)).code).toBe(0);

  const [sent, replayed, throughServe] = await handler.received();
  expect(rawHeader(sent!.headers, 'x-forwarded-for')).toEqual([]);
  expect(rawHeader(replayed!.headers, 'x-forwarded-for')).toEqual([]);
  expect(rawHeader(throughServe!.headers, 'x-forwarded-for')).toEqual([expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/)]);
});
