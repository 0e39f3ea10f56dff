import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockFormat } from '../../../main/contract/api';
import { coresClosedAfterEach } from '../../helpers/running-core';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';

// The page's mock editor shows an answer file's mock as the file writes it, and saving it wrote only
// its values: a comment typed, changed or removed there never reached the file. What is typed is
// what the file gets now, its version:, mode: and forward: lines kept as they are.

const { tempDir } = cleanupsPerTest();
const startCore = coresClosedAfterEach();
const SCHEMA = '# yaml-language-server: $schema=../schemas/answers.schema.json';

/** A project whose answers/send_email.yaml holds `file` (none when null), and its core. */
async function answersIn(file: string | null) {
  const dir = join(tempDir('fc-mock-text-'), 'flowent');
  mkdirSync(join(dir, 'answers'), { recursive: true });
  mkdirSync(join(dir, 'actions'));
  const path = join(dir, 'answers', 'send_email.yaml');
  if (file !== null) writeFileSync(path, file);
  const { core } = await startCore({ projectDir: dir });
  return {
    read: () => readFileSync(path, 'utf8'),
    /** The mock's text as the editor shows it and `mocks get` prints it. */
    shown: async () => (await core.api.getAnswerSettings()).mocks.find((mock) => mock.action === 'send_email')?.text,
    save: (text: string, format: MockFormat = 'yaml') => core.api.setMock('send_email', text, format),
  };
}

describe('saving a mock typed as YAML into its answer file', () => {
  it('leaves the file as it was when the text shown is saved unchanged, whatever its comments and spacing', async () => {
    for (const file of [
      `${SCHEMA}\n# Answers for send_email.\nversion: 1\nstatus: 200   # 2xx\n\n# the answer\nbody: {result: "ok",  error: ""}\nmode: mock # for now\n# until the handler is up\n`,
      `${SCHEMA}\n# The team's.\n\nversion: 1\n\n# what the flow sees\nbody:\n  result: ok # shown\n  error: ''\n`,
      `# header\nversion: 1\n\nstatus: 200\n# ours\nmode: forward\nforward: http://localhost:8000/{action_name}\nbody: {result: "ok", error: ""}\n# the end\n`,
    ]) {
      const { read, shown, save } = await answersIn(file);
      expect(await save((await shown())!)).toMatchObject({ ok: true });
      expect(read()).toBe(file);
    }
  });

  it('keeps a reworded header above version:, and a comment added under it with the key it is typed above', async () => {
    const { read, shown, save } = await answersIn(`${SCHEMA}\n# Answers for send_email.\nversion: 1\n# the usual\nstatus: 200\n`);
    const text = (await shown())!;
    expect(text).toBe('# Answers for send_email.\n# the usual\nstatus: 200\n');
    expect(
      await save(
        '# Answers for send_email, the team\'s.\n# the usual\nstatus: 200\n# what the flow shows\nbody: {result: "ok", error: ""}\n',
      ),
    ).toMatchObject({
      ok: true,
    });
    expect(read()).toBe(
      `${SCHEMA}\n# Answers for send_email, the team's.\nversion: 1\n# the usual\nstatus: 200\n# what the flow shows\nbody: {result: "ok", error: ""}\n`,
    );
  });

  it('drops a comment removed in the editor, and keeps the mode: and forward: lines between and after, comments and all', async () => {
    const file =
      'version: 1\nstatus: 200 # 2xx\n# where calls go\nmode: forward\nbody: {result: "ok", error: ""} # shown\n' +
      'forward:   http://localhost:8000/{action_name}   # the handler\n';
    const { read, shown, save } = await answersIn(file);
    expect(await shown()).toBe('status: 200 # 2xx\n# where calls go\nbody: {result: "ok", error: ""} # shown\n');
    expect(await save('status: 200\n# where calls go\nbody: {result: "sent", error: ""}   # shown in the flow\n')).toMatchObject({
      ok: true,
    });
    expect(read()).toBe(
      'version: 1\nstatus: 200\n# where calls go\nmode: forward\nbody: {result: "sent", error: ""}   # shown in the flow\n' +
        'forward:   http://localhost:8000/{action_name}   # the handler\n',
    );
  });

  it('writes a mock into a file that had none after its fields, and a new file as typed after its $schema line and version:', async () => {
    const routeOnly = await answersIn('version: 1 # the format\nmode: mock\n');
    expect(await routeOnly.save('# the happy path\nbody: {result: "ok", error: ""}\n')).toMatchObject({ ok: true });
    expect(routeOnly.read()).toBe('version: 1 # the format\nmode: mock\n# the happy path\nbody: {result: "ok", error: ""}\n');

    const none = await answersIn(null);
    expect(await none.save('# the happy path\nstatus: 200    # 2xx\nbody: {result: "ok", error: ""}\n')).toMatchObject({ ok: true });
    expect(none.read()).toBe(`${SCHEMA}\nversion: 1\n# the happy path\nstatus: 200    # 2xx\nbody: {result: "ok", error: ""}\n`);
    expect(await none.shown()).toBe('# the happy path\nstatus: 200    # 2xx\nbody: {result: "ok", error: ""}\n');
  });

  it('writes a mapping typed in flow style, {...}, with a comment as typed, its top as a block to hold version:', async () => {
    const { read, save } = await answersIn('# ours\nversion: 1\nbody: {result: "ok", error: ""}\n');
    // All of the text shown replaced, the header comment with it.
    expect(await save('{status: 200, # 2xx\n body: {"result": "sent", "error": ""}}')).toMatchObject({ ok: true });
    expect(read()).toBe('version: 1\nstatus: 200 # 2xx\nbody: {"result": "sent", "error": ""}\n');
  });

  it('leaves a file with a mistake as it is, and says so', async () => {
    const broken = '# being edited\nversion: 1\nbody: {result: "half", error: ""\n';
    const { read, save } = await answersIn(broken);
    expect(await save('# mine\nbody: {result: "sent", error: ""}\n')).toMatchObject({
      ok: false,
      code: 'answer-file-invalid',
      file: 'answers/send_email.yaml',
      line: 3,
    });
    expect(read()).toBe(broken);
  });
});

describe('saving a mock typed as JSON into its answer file', () => {
  // JSON holds no comment: its values go into the file as the YAML the file holds, its comments kept.
  it("takes a mapping typed as YAML in JSON's shape, {...} with no comment, as JSON: pasted while the editor reads YAML", async () => {
    const file = '# ours\nversion: 1\nbody: {result: "ok", error: ""} # shown\n';
    const { read, save } = await answersIn(file);
    expect(await save('{"body": {"result": "sent", "error": ""}, "delayMs": 50}')).toMatchObject({ ok: true });
    expect(read()).toBe('# ours\nversion: 1\nbody: {result: "sent", error: ""} # shown\ndelayMs: 50\n');
  });

  it('writes the values as the YAML the file holds, keeping its comments and the lines of values that did not change', async () => {
    const file = `${SCHEMA}\n# Answers for send_email.\nversion: 1\nstatus: 200   # 2xx\nbody: {result: "sent",  error: ""} # shown\nmode: mock\n`;
    const { read, save } = await answersIn(file);
    expect(await save('{\n  "status": 201,\n  "body": {"result": "sent", "error": ""},\n  "delayMs": 50\n}\n', 'json')).toMatchObject({
      ok: true,
    });
    expect(read()).toBe(
      `${SCHEMA}\n# Answers for send_email.\nversion: 1\nstatus: 201 # 2xx\nbody: {result: "sent",  error: ""} # shown\nmode: mock\ndelayMs: 50\n`,
    );
  });
});
