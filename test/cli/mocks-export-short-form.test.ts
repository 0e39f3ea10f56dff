// `mocks export` writes each mock in the shape a person writes it (a folder meant for git), and
// `mocks import` of that folder stores the same mocks again.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runCli } from '../helpers/spawn-cli';

const { tempDir } = cleanupsPerTest();

const ONE_ANSWER = 'status: 200\nbody: {result: "Sent to {{parameters.recipient}} at {{now}}", error: ""}\n';
const RULES =
  'selection: rules\nresponses:\n  - when: {path: parameters.user.email, contains: "@vip.example"}\n' +
  '    body: {result: "VIP {{uuid}}", error: ""}\n    delayMs: 250\n  - when: {path: "$.parameters.items[0].id", regex: "^A"}\n' +
  '    fault: timeout\nfallback: {status: 200, body: {result: "ok", error: ""}, delayMs: 250}\n';

/** The stored mocks' definitions, by action, as `mocks list --json` prints them. */
async function definitions(dataDir: string): Promise<Record<string, unknown>> {
  const listed = await runCli(['mocks', 'list', '--json', '--data-dir', dataDir]);
  expect(listed.code, listed.stderr).toBe(0);
  const lines = listed.stdout.trim().split('\n');
  return Object.fromEntries(
    lines.map((line) => JSON.parse(line) as { action: string; definition: unknown }).map((mock) => [mock.action, mock.definition]),
  );
}

it('writes a mock of one answer as it was written, and a rules mock without the values left out, and reads both back', async () => {
  const dataDir = tempDir();
  const written: [string, string][] = [
    ['send_email', ONE_ANSWER],
    ['get_user', RULES],
  ];
  for (const [action, text] of written) {
    const file = join(dataDir, `${action}.yaml`);
    writeFileSync(file, text);
    expect((await runCli(['mocks', 'set', action, '--file', file, '--data-dir', dataDir])).code).toBe(0);
  }
  const folder = join(dataDir, 'mexp');
  expect((await runCli(['mocks', 'export', folder, '--data-dir', dataDir])).code).toBe(0);

  const header = '# yaml-language-server: $schema=../schemas/answers.schema.json\nversion: 1\n';
  expect(readFileSync(join(folder, 'send_email.yaml'), 'utf8')).toBe(
    `${header}status: 200\nbody:\n  result: Sent to {{parameters.recipient}} at {{now}}\n  error: ""\n`,
  );
  const rules = readFileSync(join(folder, 'get_user.yaml'), 'utf8');
  expect(rules).not.toMatch(/selection|when: \[\]|headers|delayMs: 0|fault: null|answerRegistrationCheck|responses: \[\]/);
  expect(rules).toMatch(/\nfallback:\n {2}status: 200\n {2}delayMs: 250\n$/);

  const again = tempDir();
  expect((await runCli(['mocks', 'import', folder, '--data-dir', again])).stdout).toContain('Imported 2 mocks');
  expect(await definitions(again)).toEqual(await definitions(dataDir));
  // Stored as the file says it, not as the whole definition: `mocks get` prints the short form.
  const got = await runCli(['mocks', 'get', 'send_email', '--data-dir', again]);
  expect(got.stdout).toBe('status: 200\nbody:\n  result: Sent to {{parameters.recipient}} at {{now}}\n  error: ""\n');
});
