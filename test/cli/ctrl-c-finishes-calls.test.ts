import { expect, it } from 'vitest';
import { handlerAndFolderPerTest } from '../helpers/handler-process';
import { runCli, startCommand, startServe } from '../helpers/spawn-cli';

const { cleanups, handlerAndFolder } = handlerAndFolderPerTest();

it('send stopped with Ctrl-C while the handler works waits for its answer and stores the call; exit 130', async () => {
  const { handler, dir } = await handlerAndFolder();
  const send = await startCommand(
    ['send', 'gated', '--target', handler.target, '--data-dir', dir.path],
    { FLOWENT_HMAC_KEY: 'key' },
    // Nothing is printed before the answer: ready at once, the call is awaited below.
    /^/,
  );
  cleanups.push(() => void send.child.kill('SIGKILL'));
  await expect.poll(async () => (await handler.received()).length).toBe(1);

  send.child.kill('SIGINT');
  await send.waitFor(/Waiting for the answer to the call sent, to store it; press Ctrl-C again to quit without it\./);
  await handler.release(1);
  expect(await send.exited).toBe(130);
  expect(send.output()).toMatch(/Sent #1 to http:\/\/127\.0\.0\.1:\d+\/actions\/gated/);

  const stored = await runCli(['calls', '--json', '--data-dir', dir.path]);
  expect(
    stored.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { source: string; action: string }),
  ).toMatchObject([{ source: 'simulator', action: 'gated' }]);
});

it('send stopped with SIGTERM finishes as after Ctrl-C: the answer is awaited, stored and printed; exit 143', async () => {
  const { handler, dir } = await handlerAndFolder();
  const send = await startCommand(['send', 'gated', '--target', handler.target, '--data-dir', dir.path], { FLOWENT_HMAC_KEY: 'key' }, /^/);
  cleanups.push(() => void send.child.kill('SIGKILL'));
  await expect.poll(async () => (await handler.received()).length).toBe(1);

  send.child.kill('SIGTERM');
  await send.waitFor(/Waiting for the answer to the call sent, to store it/);
  await handler.release(1);
  expect(await send.exited).toBe(143);
  expect(send.output()).toMatch(/Sent #1 to http:\/\/127\.0\.0\.1:\d+\/actions\/gated/);
  expect((await runCli(['calls', '--json', '--data-dir', dir.path])).stdout).toContain('"source":"simulator"');
});

it('replay stopped with Ctrl-C starts no more replays, finishes and stores the one in flight; exit 130', async () => {
  const { handler, dir } = await handlerAndFolder();
  // Three calls from Flowent to replay, stored by a serve that answers them itself.
  const serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dir.path]);
  for (let i = 0; i < 3; i++) {
    const body = JSON.stringify({ action_name: 'gated', parameters: { i }, timestamp: Math.floor(Date.now() / 1000) });
    await fetch(`${serve.baseUrl}/actions/gated`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  }
  serve.child.kill('SIGTERM');
  await serve.exited;

  const replay = await startCommand(
    ['replay', '--action', 'gated', '--concurrency', '1', '--target', handler.target, '--data-dir', dir.path],
    {},
    /^/,
  );
  cleanups.push(() => void replay.child.kill('SIGKILL'));
  await expect.poll(async () => (await handler.received()).length).toBe(1);
  replay.child.kill('SIGINT');
  // Released only once the replay took the Ctrl-C: else its answer could start the next replay first.
  await replay.waitFor(/Stopping: no more replays start/);
  await handler.release(3);
  expect(await replay.exited).toBe(130);
  expect(replay.output()).toContain('1 replayed: 0 passed, 1 passed with a changed answer, 0 failed (cancelled after 1 of 3).');
  expect(await handler.received()).toHaveLength(1);
});

/** Stores calls from Flowent of these actions, in order (#1, #2...), as a serve that answers them itself does. */
async function storeFlowentCalls(dataDir: string, actions: string[]): Promise<void> {
  const serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir]);
  for (const [i, action] of actions.entries()) {
    // Text beyond ASCII and keys out of order: the signing styles give different bytes for it.
    const parameters = { i, name: 'Renée', nested: { b: 1, a: 2 } };
    const body = JSON.stringify({ action_name: action, parameters, timestamp: Math.floor(Date.now() / 1000) });
    await fetch(`${serve.baseUrl}/actions/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  }
  serve.child.kill('SIGTERM');
  await serve.exited;
}

it('replay of one call stopped with Ctrl-C stores its answer, says it was cancelled and exits 130', async () => {
  const { handler, dir } = await handlerAndFolder();
  await storeFlowentCalls(dir.path, ['gated']);

  const replay = await startCommand(['replay', '1', '--target', handler.target, '--data-dir', dir.path], {}, /^/);
  cleanups.push(() => void replay.child.kill('SIGKILL'));
  await expect.poll(async () => (await handler.received()).length).toBe(1);
  replay.child.kill('SIGINT');
  await replay.waitFor(/Stopping: no more replays start/);
  await handler.release(1);
  expect(await replay.exited).toBe(130);
  expect(replay.output()).toMatch(/^#1 → #2 {2}200 /m);
  expect(replay.output()).toContain(
    '1 replayed: 0 passed, 1 passed with a changed answer, 0 failed (cancelled once every replay was sent).',
  );
});

it('replay with a failure stopped with Ctrl-C exits 130, its summary still counting the failure', async () => {
  const { handler, dir } = await handlerAndFolder();
  // #1 breaks the contract (a 500); #2 is in flight at the Ctrl-C; #3 never starts.
  await storeFlowentCalls(dir.path, ['error500', 'gated', 'gated']);

  const replay = await startCommand(['replay', '1', '2', '3', '--target', handler.target, '--data-dir', dir.path], {}, /^/);
  cleanups.push(() => void replay.child.kill('SIGKILL'));
  await expect.poll(async () => (await handler.received()).length).toBe(2);
  replay.child.kill('SIGINT');
  await replay.waitFor(/Stopping: no more replays start/);
  await handler.release(2);
  expect(await replay.exited).toBe(130);
  expect(replay.output()).toContain('2 replayed: 0 passed, 1 passed with a changed answer, 1 failed (cancelled after 2 of 3).');
  expect(await handler.received()).toHaveLength(2);
});

it('replay --probe-styles says each request it sends; stopped with Ctrl-C it stores the one in flight, prints what it found and exits 130', async () => {
  const { handler, dir } = await handlerAndFolder();
  await storeFlowentCalls(dir.path, ['gated']);

  const probe = await startCommand(
    ['replay', '1', '--probe-styles', '--target', handler.target, '--data-dir', dir.path],
    { FLOWENT_HMAC_KEY: 'key' },
    /probing 1 of \d+: \S/,
  );
  cleanups.push(() => void probe.child.kill('SIGKILL'));
  const total = Number(probe.output().match(/probing 1 of (\d+)/)?.[1]);
  expect(total).toBeGreaterThan(2);
  await expect.poll(async () => (await handler.received()).length).toBe(1);
  probe.child.kill('SIGINT');
  await probe.waitFor(/Stopping: no more probe requests are sent; waiting for the one sent to be answered and stored\./);
  await handler.release(1);
  expect(await probe.exited).toBe(130);
  expect(probe.stdout()).toMatch(/^ {2}accepted {3}\S.* {2}200 {2}#2$/m);
  expect(probe.stdout()).toMatch(/^ {2}no answer {2}wrong signature +not sent: the probe was stopped$/m);
  expect(probe.stdout().replace(/\n {2}(?=\S)/g, ' ')).toContain(
    `Stopped after 1 of ${total} requests, before the wrong signature was sent: whether your handler checks signatures is not known yet.`,
  );
  expect(probe.output()).not.toMatch(/probing 2 of/);
  expect(await handler.received()).toHaveLength(1);

  const stored = await runCli(['calls', '--json', '--data-dir', dir.path]);
  expect(
    stored.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: number; source: string }),
  ).toMatchObject([
    { id: 2, source: 'replay' },
    { id: 1, source: 'flowent' },
  ]);
});
