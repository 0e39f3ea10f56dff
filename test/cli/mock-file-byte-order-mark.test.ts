import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups } = cleanupsPerTest();

describe('mocks set --file with a byte order mark', () => {
  it('stores a JSON mock saved with one, as it does a YAML mock, and keeps no mark in what it stores', async () => {
    const dir = makeTempDir();
    cleanups.push(dir.remove);
    const json = join(dir.path, 'bom.json');
    const yaml = join(dir.path, 'bom.yaml');
    writeFileSync(json, '\ufeff{"status": 200, "body": {"result": "from json", "error": ""}}\n');
    writeFileSync(yaml, '\ufeffstatus: 200\nbody: {result: "from yaml", error: ""}\n');
    for (const [action, file] of [
      ['send_email', json],
      ['lookup_order', yaml],
    ] as const) {
      const stored = await runCli(['mocks', 'set', action, '--file', file, '--data-dir', dir.path]);
      expect(stored.stderr).toBe('');
      expect(stored).toMatchObject({ code: 0, stdout: expect.stringContaining(`Stored the mock for action ${action}.`) });
    }
    const shown = await runCli(['mocks', 'get', 'send_email', '--data-dir', dir.path]);
    expect(shown).toMatchObject({ code: 0, stdout: '{"status": 200, "body": {"result": "from json", "error": ""}}\n' });
  });
});
