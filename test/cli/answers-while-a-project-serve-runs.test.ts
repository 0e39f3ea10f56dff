import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { flowentPayload } from '../helpers/flowent-signer';
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
    `${join(root, 'flowent', 'answers')} instead: edit the files there to change what it answers.\n`;
  for (const args of [
    ['mocks', 'set', 'lookup_order', '--file', join(elsewhere, 'mock.yaml')],
    ['targets', 'set', 'lookup_order', 'http://localhost:8000/actions/{action_name}'],
    ['mocks', 'from-call', id],
  ]) {
    const done = await runCli([...args, '--data-dir', data], {}, { cwd: elsewhere });
    expect(done.code, args.join(' ')).toBe(0);
    expect(done.stderr, args.join(' ')).toBe(note);
  }

  // In the project folder too: one note, naming the serve, not two.
  const inProject = await runCli(['targets', 'clear', 'lookup_order', '--data-dir', data], {}, { cwd: root });
  expect(inProject).toMatchObject({ code: 0, stderr: note });
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
