import { expect, it } from 'vitest';
import { flowentPayload } from '../helpers/flowent-signer';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

async function serveOn(dataDir: string): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: 'key' });
  cleanups.push(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return server;
}

it('a serve that stops leaves another on the same folder findable: its inspector URL after a token change, its mark on sent calls', async () => {
  const dir = tempDir();
  const first = await serveOn(dir);
  const second = await serveOn(dir);
  second.child.kill('SIGTERM');
  await second.exited;

  const rotated = await runCli(['inspector', 'rotate-token', '--data-dir', dir]);
  expect(rotated).toMatchObject({ code: 0, stderr: '' });
  expect(rotated.stdout).toContain(`Inspector:    ${new URL(first.inspectorUrl!).origin}/#token=`);

  // A simulated call sent to the first serve's webhook is stored once, as the simulator's, not
  // a second time by that serve as Flowent's.
  const sent = await runCli(['send', 'send_email', '--target', `${first.baseUrl}/actions/{action_name}`, '--data-dir', dir], {
    FLOWENT_HMAC_KEY: 'key',
  });
  expect(sent).toMatchObject({ code: 0, stderr: '' });
  const stored = await runCli(['calls', '--json', '--data-dir', dir]);
  const sources = stored.stdout
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { source: string }).source);
  expect(sources).toEqual(['simulator']);
});

it('each serve on a folder tells the calls the other stored from its own', async () => {
  const dir = tempDir();
  const first = await serveOn(dir);
  const second = await serveOn(dir);
  const call = (server: ServeProcess, action: string) =>
    fetch(`${server.baseUrl}/actions/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(flowentPayload(action)),
    });
  expect((await call(second, 'send_email')).status).toBe(200);
  expect((await call(first, 'lookup_order')).status).toBe(200);

  const line = (action: string) => new RegExp(`\\d\\d:\\d\\d:\\d\\d {2}${action} .* ms(.*)\\n`);
  expect((await first.waitFor(line('send_email')))[1]).toBe('  (stored by another command)');
  expect((await first.waitFor(line('lookup_order')))[1]).toBe('');
  expect((await second.waitFor(line('send_email')))[1]).toBe('');
  expect((await second.waitFor(line('lookup_order')))[1]).toBe('  (stored by another command)');
});

it("a serve says nothing of another serve's forwarding: the Forwarding line is the forwarding serve's alone", async () => {
  const dir = tempDir();
  const plain = await serveOn(dir);
  // Nothing listens on port 1: the handler gives no answer, and the mock answers in its place.
  const forwarding = await startServe(
    [
      '--port',
      '0',
      '--no-inspector',
      '--data-dir',
      dir,
      '--forward',
      'http://127.0.0.1:1/',
      '--forward-timeout',
      '2000',
      '--fallback-to-mock',
    ],
    { FLOWENT_HMAC_KEY: 'key' },
  );
  cleanups.push(async () => {
    forwarding.child.kill('SIGTERM');
    await forwarding.exited;
  });
  const answered = await fetch(`${forwarding.baseUrl}/actions/other_a`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(flowentPayload('other_a')),
  });
  expect(answered.status).toBe(200);
  await forwarding.waitFor(/Forwarding: your handler gave other_a no answer/);
  // The plain serve prints the call, marked as another command's, and no Forwarding line.
  await plain.waitFor(/ other_a .*\(stored by another command\)\n/);
  expect(plain.stdout()).not.toContain('Forwarding: your handler gave other_a');
});
