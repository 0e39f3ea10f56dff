import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { flowentPayload } from '../helpers/flowent-signer';
import { startHandler } from '../helpers/handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir: temp } = cleanupsPerTest();

async function serve(args: string[]): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', ...args]);
  cleanups.push(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return server;
}

it('mocks and targets run outside the project say that the serve on their data folder answers from the project’s files', async () => {
  const data = temp();
  const root = temp('fc-project-');
  mkdirSync(join(root, 'flowent', 'answers'), { recursive: true });
  const elsewhere = temp();
  writeFileSync(join(elsewhere, 'mock.yaml'), 'body: {result: "hi", error: ""}\n');
  const served = await serve(['--data-dir', data, '--project', root]);
  // A call to mock from.
  const answered = await fetch(`${served.baseUrl}/actions/lookup_order`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(flowentPayload('lookup_order')),
  });
  expect(answered.status).toBe(200);
  const listed = await runCli(['calls', '--json', '--data-dir', data]);
  const id = String((JSON.parse(listed.stdout.trim().split('\n')[0] ?? '{}') as { id: number }).id);

  const note =
    `Note: this changed the history folder's answers; the serve at ${served.baseUrl} answers from ` +
    `${join(root, 'flowent', 'answers')} instead: edit the files there (or run the command in ${root}) to change what it answers.\n`;
  for (const args of [
    ['mocks', 'set', 'lookup_order', '--file', join(elsewhere, 'mock.yaml')],
    ['targets', 'set', 'lookup_order', 'http://localhost:8000/actions/{action_name}'],
    ['mocks', 'from-call', id],
  ]) {
    const done = await runCli([...args, '--data-dir', data], {}, { cwd: elsewhere });
    expect(done.code, args.join(' ')).toBe(0);
    expect(done.stderr, args.join(' ')).toBe(note);
  }
});

it('mocks and targets run in the project folder change its answer files, as the Answers dialog does, and the serve answers from them', async () => {
  const data = temp();
  const root = temp('fc-project-');
  const answers = join(root, 'flowent', 'answers');
  mkdirSync(answers, { recursive: true });
  const handler = await startHandler();
  cleanups.push(() => handler.stop());
  const served = await serve(['--data-dir', data, '--project', root]);
  const cli = (args: string[]) => runCli([...args, '--data-dir', data], {}, { cwd: root });
  const call = async () => {
    const answered = await fetch(`${served.baseUrl}/actions/lookup_order`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(flowentPayload('lookup_order')),
    });
    return (await answered.json()) as { result?: string };
  };

  const forwarded = await cli(['targets', 'set', 'lookup_order', handler.target]);
  expect(forwarded).toMatchObject({
    code: 0,
    stdout: `Calls for action lookup_order are forwarded to ${handler.target} (in flowent/answers/lookup_order.yaml).\n`,
    stderr: '',
  });
  expect(readFileSync(join(answers, 'lookup_order.yaml'), 'utf8')).toContain(`mode: forward\nforward: ${handler.target}\n`);
  await call();
  expect((await handler.received()).map((request) => request.url)).toEqual(['/actions/lookup_order']);

  writeFileSync(join(root, 'mock.yaml'), 'body: {result: "from the mock", error: ""}\n');
  const mocked = await cli(['mocks', 'set', 'lookup_order', '--file', join(root, 'mock.yaml')]);
  expect(mocked.code, mocked.stderr).toBe(0);
  expect(mocked.stdout).toContain('Stored the mock for action lookup_order (in flowent/answers/lookup_order.yaml).\n');
  const moded = await cli(['targets', 'mode', 'lookup_order', 'mock']);
  expect(moded).toMatchObject({ code: 0, stdout: 'action lookup_order: mode mock (in flowent/answers/lookup_order.yaml).\n', stderr: '' });
  await expect.poll(async () => (await call()).result).toBe('from the mock');

  // What the files say is what the lists show.
  const listed = await cli(['targets', 'list']);
  expect(listed).toMatchObject({ code: 0, stdout: `lookup_order  mock  ${handler.target}\n`, stderr: '' });
  expect((await cli(['mocks', 'list', '--json'])).stdout).toContain('"action":"lookup_order"');
  // The history folder's answers are left as they were.
  expect((await runCli(['targets', 'list', '--data-dir', data], {}, { cwd: temp() })).stdout).toBe('');
});

it('a serve answering from the history folder’s answers gets no note: the change reaches it', async () => {
  const data = temp();
  const elsewhere = temp();
  await serve(['--data-dir', data]);
  const done = await runCli(
    ['targets', 'set', 'lookup_order', 'http://localhost:8000/actions/{action_name}', '--data-dir', data],
    {},
    {
      cwd: elsewhere,
    },
  );
  expect(done).toMatchObject({ code: 0, stderr: '' });
});
