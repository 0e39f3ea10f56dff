// `mocks set --file` with a file holding the answer Flowent gets, not a mock: refused (exit 2)
// with where that answer goes, and nothing stored.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runCli } from '../helpers/spawn-cli';

const { tempDir } = cleanupsPerTest();

it('says to put result and error under body, with the shape of a mock that does', async () => {
  const dir = tempDir();
  const file = join(dir, 'm.json');
  writeFileSync(file, '{"result": "ok", "error": ""}');
  const refused = await runCli(['mocks', 'set', 'send_email', '--file', file, '--data-dir', dir]);
  expect(refused.stderr).toBe(
    `flowent-companion mocks: ${file} is not a valid mock:\n` +
      '  result (line 1, column 2): unknown field "result": the answer Flowent gets goes under body, as in status: 200, body: {result: "ok", error: ""}\n' +
      '  error (line 1, column 18): unknown field "error": the answer Flowent gets goes under body, as in status: 200, body: {result: "ok", error: ""}\n',
  );
  expect(refused.code).toBe(2);
  expect((await runCli(['mocks', 'list', '--data-dir', dir])).stdout).not.toContain('send_email');

  // Written as the message says, it is taken.
  const yaml = join(dir, 'm.yaml');
  writeFileSync(yaml, 'status: 200\nbody: {result: "ok", error: ""}\n');
  const taken = await runCli(['mocks', 'set', 'send_email', '--file', yaml, '--data-dir', dir]);
  expect(taken.code, taken.stderr).toBe(0);
  expect((await runCli(['mocks', 'list', '--data-dir', dir])).stdout).toContain('send_email');
});
