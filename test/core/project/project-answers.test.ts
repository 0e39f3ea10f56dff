import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoreEvent, ProjectState } from '../../../main/contract/api';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';
import { answerFile } from '../../helpers/project-calls';

const { cleanups, tempDir } = cleanupsPerTest();

async function project(files: Record<string, string> = {}): Promise<{
  companion: RunningCore;
  dir: string;
  write(file: string, text: string): void;
  read(file: string): string;
  call(action: string): Promise<unknown>;
  nextProjectChange(): Promise<ProjectState>;
}> {
  const dir = join(tempDir('fc-project-'), 'flowent');
  mkdirSync(join(dir, 'answers'), { recursive: true });
  mkdirSync(join(dir, 'actions'));
  const write = (file: string, text: string) => writeFileSync(join(dir, file), text);
  for (const [file, text] of Object.entries(files)) write(file, text);
  const companion = await startCore({ projectDir: dir });
  cleanups.push(() => companion.close());
  return {
    companion,
    dir,
    write,
    read: (file) => readFileSync(join(dir, file), 'utf8'),
    async call(action) {
      const body = JSON.stringify({
        action_name: action,
        parameters: { recipient: 'a@example.com' },
        timestamp: Math.floor(Date.now() / 1000),
      });
      return (await companion.post(`/actions/${action}`, body)).json;
    },
    nextProjectChange: () =>
      new Promise((resolve) => {
        const stop = companion.core.subscribe((event: CoreEvent) => {
          if (event.type !== 'project-changed') return;
          stop();
          resolve(event.project);
        });
      }),
  };
}

/** The first mock's text as the page's editor shows it and `mocks get` prints it. */
async function shownMock(companion: RunningCore): Promise<string> {
  const [mock] = (await companion.core.api.getAnswerSettings()).mocks;
  return mock?.text ?? '';
}

describe('answers from the project folder', () => {
  it('answers from the file, and a saved change applies at the very next call', async () => {
    const { call, write } = await project({ 'answers/send_email.yaml': answerFile('first for {{parameters.recipient}}') });
    expect(await call('send_email')).toEqual({ result: 'first for a@example.com', error: '' });
    write('answers/send_email.yaml', answerFile('second'));
    expect(await call('send_email')).toEqual({ result: 'second', error: '' });
  });

  it('picks up a file created while it runs, and _default.yaml answers actions without a file', async () => {
    const { call, write } = await project({ 'answers/_default.yaml': answerFile('from the default') });
    expect(await call('lookup_order')).toEqual({ result: 'from the default', error: '' });
    write('answers/lookup_order.yaml', answerFile('its own'));
    expect(await call('lookup_order')).toEqual({ result: 'its own', error: '' });
    expect(await call('other')).toEqual({ result: 'from the default', error: '' });
  });

  // A branch switch removes the files one by one, then the folder: a call read between them sees only the files go.
  it('keeps answering from the files removed just before their folder, while the folder is gone', async () => {
    const { call, dir, companion } = await project({
      'answers/_default.yaml': answerFile('default'),
      'answers/send_email.yaml': answerFile('its own'),
    });
    expect(await call('send_email')).toEqual({ result: 'its own', error: '' });
    rmSync(join(dir, 'answers', 'send_email.yaml'));
    expect(await call('send_email')).toEqual({ result: 'default', error: '' });
    rmSync(dir, { recursive: true });
    expect(await call('send_email')).toEqual({ result: 'its own', error: '' });
    expect(await call('lookup_order')).toEqual({ result: 'default', error: '' });
    const state = await companion.core.api.getProject();
    expect(state.problems.map((problem) => [problem.file, problem.warning])).toEqual([['.', 'folder-removed']]);
    expect(state.stale).toEqual(['answers/_default.yaml', 'answers/send_email.yaml']);
  });

  it('refuses a change while the folder is gone, in words, rather than failing on the missing folder', async () => {
    const { call, dir, companion } = await project({ 'answers/send_email.yaml': answerFile('its own') });
    rmSync(dir, { recursive: true });
    const gone = { ok: false, code: 'project-folder-removed', folder: dir };
    expect(await companion.core.api.setMock('send_email', '{"status":200}', 'json')).toEqual(gone);
    expect(await companion.core.api.setForwardTarget(null, 'http://localhost:8000/actions/{action_name}')).toEqual(gone);
    expect(await companion.core.api.clearAllMocks()).toEqual(gone);
    expect(await companion.core.api.clearAllAnswerRoutes()).toEqual(gone);
    // Nothing was made again, and the last version still answers.
    expect(existsSync(dir)).toBe(false);
    expect(await call('send_email')).toEqual({ result: 'its own', error: '' });
  });

  it('keeps the last good version answering while a broken file is reported with its file and line', async () => {
    const { call, write, companion, nextProjectChange } = await project({ 'answers/send_email.yaml': answerFile('good') });
    expect(await call('send_email')).toEqual({ result: 'good', error: '' });
    const reported = nextProjectChange();
    write('answers/send_email.yaml', 'version: 1\nstatus: 200\nbody: {result: "bad", error: ""}\nfault: sometimes\n');
    // The watcher reports it without any call.
    expect((await reported).problems).toEqual([
      { file: 'answers/send_email.yaml', line: 4, column: 8, message: expect.stringContaining('fault') },
    ]);
    expect(await call('send_email')).toEqual({ result: 'good', error: '' });

    write('answers/send_email.yaml', 'version: 1\nbody: {result: "unclosed", error: ""\n');
    expect(await call('send_email')).toEqual({ result: 'good', error: '' });
    const { problems } = await companion.core.api.getProject();
    // The missing } is placed after the last thing written, not on a third line the file does not have.
    expect(problems).toMatchObject([
      { file: 'answers/send_email.yaml', line: 2, column: 37, message: expect.stringContaining('not valid YAML') },
    ]);

    // Changing the broken action from the app is refused rather than overwriting the edit.
    const refused = await companion.core.api.setMock('send_email', '{"status":200}', 'json');
    expect(refused).toMatchObject({ ok: false, code: 'answer-file-invalid', file: 'answers/send_email.yaml' });

    const fixed = nextProjectChange();
    write('answers/send_email.yaml', answerFile('fixed'));
    expect((await fixed).problems).toEqual([]);
    expect(await call('send_email')).toEqual({ result: 'fixed', error: '' });
  });

  it('reports, without refusing it, a file set to forward with no target in it nor in _default.yaml, at its mode: line', async () => {
    const { companion, call, write } = await project({
      'answers/_default.yaml': answerFile('the default'),
      'answers/noforward.yaml': 'version: 1\nmode: forward\n',
    });
    const warned = await companion.core.api.getProject();
    expect(warned.problems).toEqual([
      {
        file: 'answers/noforward.yaml',
        line: 2,
        column: 1,
        message: expect.stringMatching(
          /^mode is forward, but no forward: target is set here nor in _default\.yaml: calls to noforward fail \(502\)/,
        ),
        warning: 'forward-without-target',
      },
    ]);
    // It is in use as it is (neither left out nor waiting for a fix), and its calls say why they fail.
    expect(warned.answers).toContain('answers/noforward.yaml');
    expect(warned.stale).toEqual([]);
    expect(await call('noforward')).toMatchObject({ error: expect.stringContaining('no target is set') });

    // _default.yaml's target is the one it waits for: once there, nothing is said.
    write('answers/_default.yaml', 'version: 1\nforward: http://127.0.0.1:9/{action_name}\n');
    await expect.poll(async () => (await companion.core.api.getProject()).problems).toEqual([]);

    // _default.yaml set to forward with no target: said at its own mode: line.
    write('answers/_default.yaml', 'version: 1\n# every action\nmode: forward\n');
    await expect
      .poll(async () => (await companion.core.api.getProject()).problems)
      .toEqual([
        expect.objectContaining({
          file: 'answers/_default.yaml',
          line: 3,
          column: 1,
          message: expect.stringContaining('no forward: target is set here:'),
        }),
        expect.objectContaining({ file: 'answers/noforward.yaml', line: 2, column: 1 }),
      ]);
  });

  it('forwards when the file says mode: forward', async () => {
    const handler = createServer((_request, response) => response.end(JSON.stringify({ result: 'from the handler', error: '' })));
    await new Promise<void>((resolve) => handler.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => handler.close(() => resolve())));
    const url = `http://127.0.0.1:${(handler.address() as AddressInfo).port}/actions/{action_name}`;
    const { call } = await project({ 'answers/send_email.yaml': `version: 1\nmode: forward\nforward: ${url}\n` });
    expect(await call('send_email')).toEqual({ result: 'from the handler', error: '' });
  });

  it('writes edits from the app back into the file, keeping its comments and key order', async () => {
    const file = `# yaml-language-server: $schema=../schemas/answers.schema.json
# Answers for send_email: the team's happy path first.
version: 1
selection: rules # first match wins
responses:
  # VIPs get a special answer
  - when: {path: parameters.recipient, contains: "@vip.example"}
    body: {result: "VIP", error: ""}
fallback:
  status: 200 # Flowent wants 2xx
  body: {result: "ok", error: ""}
`;
    const { companion, read, call } = await project({ 'answers/send_email.yaml': file });
    // As the page's editor and mocks get have it: the file but for version:, its comments in it.
    const edited = (await shownMock(companion)).replace('body: {result: "ok", error: ""}', 'body: {result: "sent", error: ""}');
    expect(await companion.core.api.setMock('send_email', edited, 'yaml')).toMatchObject({ ok: true });
    expect(read('answers/send_email.yaml')).toBe(file.replace('body: {result: "ok", error: ""}', 'body: {result: "sent", error: ""}'));
    expect(await call('send_email')).toEqual({ result: 'sent', error: '' });

    expect(await companion.core.api.setForwardTarget('send_email', 'http://localhost:8000/actions/{action_name}')).toMatchObject({
      ok: true,
    });
    expect(read('answers/send_email.yaml')).toMatch(/\nmode: forward\nforward: http:\/\/localhost:8000\/actions\/\{action_name\}\n$/);
    expect(read('answers/send_email.yaml')).toContain('# VIPs get a special answer');
    expect(await companion.core.api.clearAnswerRoute('send_email')).toMatchObject({ ok: true, value: { cleared: true } });
    expect(read('answers/send_email.yaml')).toBe(file.replace('body: {result: "ok", error: ""}', 'body: {result: "sent", error: ""}'));

    // A new action gets a new file, with the schema line editors read.
    expect(await companion.core.api.setMock('lookup_order', '{"status":200,"body":{"result":"found","error":""}}', 'json')).toMatchObject({
      ok: true,
    });
    expect(read('answers/lookup_order.yaml')).toBe(
      '# yaml-language-server: $schema=../schemas/answers.schema.json\nversion: 1\nstatus: 200\nbody:\n  result: found\n  error: ""\n',
    );
    const settings = await companion.core.api.getAnswerSettings();
    expect(settings.mocks.map((mock) => mock.action)).toEqual(['lookup_order', 'send_email']);
  });

  it('keeps the spacing of the lines an edit from the app does not change', async () => {
    const file = 'version:   1\nstatus: 200     # Flowent wants 2xx\nheaders: {\'x-kind\':   test}\nbody: {result: "ok", error: ""}\n';
    const { companion, read } = await project({ 'answers/send_email.yaml': file });
    const edited = (await shownMock(companion)).replace('result: "ok"', 'result: "sent"');
    expect(await companion.core.api.setMock('send_email', edited, 'yaml')).toMatchObject({ ok: true });
    expect(read('answers/send_email.yaml')).toBe(file.replace('result: "ok"', 'result: "sent"'));
  });

  it("keeps a file's Windows line endings and byte order mark when the app writes an edit into it", async () => {
    const windows = (text: string) => `\ufeff${text.replace(/\n/g, '\r\n')}`;
    const file = '# Saved on Windows\nversion: 1\nstatus: 200 # Flowent wants 2xx\nbody: {result: "ok", error: ""}\n';
    const { companion, read, call } = await project({ 'answers/send_email.yaml': windows(file) });
    expect(await call('send_email')).toEqual({ result: 'ok', error: '' });
    // The editor's text has LF line endings, whatever the file's.
    const edited = (await shownMock(companion)).replace('result: "ok"', 'result: "sent"');
    expect(edited).not.toContain('\r');
    expect(await companion.core.api.setMock('send_email', edited, 'yaml')).toMatchObject({ ok: true });
    expect(read('answers/send_email.yaml')).toBe(windows(file.replace('result: "ok"', 'result: "sent"')));
    expect(await call('send_email')).toEqual({ result: 'sent', error: '' });
  });

  it("writes the editor's text as typed, a new comment and a changed one included, the file's own fields kept with theirs", async () => {
    const file = `# yaml-language-server: $schema=../schemas/answers.schema.json
# Answers for send_email: the team's happy path.
version: 1   # the format
status: 200 # Flowent wants 2xx
body: {result: "ok", error: ""}
# where it goes once the handler is up
mode: mock
`;
    const { companion, read, call } = await project({ 'answers/send_email.yaml': file });
    const shown = await shownMock(companion);
    expect(shown).toBe(
      '# Answers for send_email: the team\'s happy path.\nstatus: 200 # Flowent wants 2xx\nbody: {result: "ok", error: ""}\n',
    );
    const edited = shown
      .replace('# Flowent wants 2xx', '# the flow only checks for 2xx')
      .replace('body: {result: "ok", error: ""}', '# what the flow shows\nbody: {result: "sent",   error: ""}');
    expect(await companion.core.api.setMock('send_email', edited, 'yaml')).toMatchObject({ ok: true });
    expect(read('answers/send_email.yaml')).toBe(`# yaml-language-server: $schema=../schemas/answers.schema.json
# Answers for send_email: the team's happy path.
version: 1   # the format
status: 200 # the flow only checks for 2xx
# what the flow shows
body: {result: "sent",   error: ""}
# where it goes once the handler is up
mode: mock
`);
    expect(await shownMock(companion)).toBe(edited);
    expect(await call('send_email')).toEqual({ result: 'sent', error: '' });
  });

  it('reports an answer file without version: 1 and one named after no action', async () => {
    const { companion } = await project({ 'answers/send_email.yaml': 'status: 200\n', 'answers/Bad Name.yaml': answerFile('x') });
    expect((await companion.core.api.getProject()).problems).toEqual([
      { file: 'answers/Bad Name.yaml', line: null, column: null, message: expect.stringContaining('"Bad Name" is not an action name') },
      { file: 'answers/send_email.yaml', line: 1, column: 1, message: 'version: 1 is missing (the format this file is written in)' },
    ]);
  });
});
