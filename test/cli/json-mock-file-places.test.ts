// `mocks set --file` with a JSON mock that has mistakes: each is said with its line and column
// in the file, the same place as the same mistake written in YAML, while what only JSON refuses
// (a trailing comma, a key written twice) keeps its own words.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runCli } from '../helpers/spawn-cli';

const { tempDir } = cleanupsPerTest();

async function setMock(dir: string, name: string, text: string) {
  const file = join(dir, name);
  writeFileSync(file, text);
  return { file, ...(await runCli(['mocks', 'set', 'get_weather', '--file', file, '--data-dir', dir])) };
}

it('says the line and column of each mistake in a JSON mock file, as for the same mistakes in YAML', async () => {
  const dir = tempDir();
  const text = '{"status": "200", "body": {"result": "x", "error": ""}, "bodyy": 1}\n';
  const json = await setMock(dir, 'm-bad5.json', text);
  expect(json.code).toBe(2);
  const fields = 'selection, responses, fallback, answerRegistrationCheck, status, headers, body, delayMs, fault';
  expect(json.stderr).toBe(
    `flowent-companion mocks: ${json.file} is not a valid mock:\n` +
      `  bodyy (line 1, column ${text.indexOf('"bodyy"') + 1}): unknown field "bodyy"; a mock has ${fields}\n` +
      `  status (line 1, column ${text.indexOf('"200"') + 1}): status must be an HTTP status from 100 to 599, not the text "200"\n`,
  );
  const yaml = await setMock(dir, 'm-bad5.yaml', text);
  expect(yaml.stderr.replace(yaml.file, json.file)).toBe(json.stderr);

  // Over several lines: a rule's mistake at its line, a wrong value at the value.
  const rules = '{\n  "responses": [\n    {"when": {"path": "parameters.city", "equalz": "Oslo"}, "status": 7000}\n  ]\n}\n';
  const many = await setMock(dir, 'rules.json', rules);
  expect(many.stderr).toContain(
    `  responses[0].when.equalz (line 3, column ${rules.split('\n')[2]!.indexOf('"equalz"') + 1}): unknown field`,
  );
  expect(many.stderr).toContain(`  responses[0].status (line 3, column ${rules.split('\n')[2]!.indexOf('7000') + 1}): status must be`);
  expect((await runCli(['mocks', 'list', '--data-dir', dir])).stdout).toBe('');
});

it("keeps JSON's own words for a trailing comma and a key written twice", async () => {
  const dir = tempDir();
  const comma = await setMock(dir, 'comma.json', '{\n  "status": 200,\n}\n');
  expect(comma.stderr).toContain('  (top level): Not valid JSON: a comma must not come before “}” (line 3, column 1).\n');
  const twice = await setMock(dir, 'twice.json', '{"status": 200,\n "status": 201}\n');
  expect(twice.stderr).toContain(
    '  (top level): Not valid JSON: the key "status" appears twice in one object (line 2, column 2): keep only one of them.\n',
  );
  expect([comma.code, twice.code]).toEqual([2, 2]);
});
