import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHandler } from '../helpers/handler-process';
import { runInProcess } from '../helpers/in-process-cli';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

const cli = (args: string[], cwd: string) => runInProcess(args, { env: {}, cwd });

async function call(server: ServeProcess, action: string): Promise<unknown> {
  const response = await fetch(`${server.baseUrl}/actions/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action_name: action, parameters: {}, timestamp: Math.floor(Date.now() / 1000) }),
  });
  return response.json();
}

/** A serve answering from the project at `root`, on a data folder of its own, stopped after the test. */
async function serveProject(root: string): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', '--data-dir', tempDir(), '--project', root]);
  cleanups.push(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return server;
}

/** A project whose _default.yaml forwards to a handler of its own: the handler, the project's folder and its answers folder. */
async function projectForwardingToAHandler() {
  const handler = await startHandler();
  cleanups.push(() => handler.stop());
  const root = tempDir('fc-project-');
  const answers = join(root, 'flowent', 'answers');
  mkdirSync(answers, { recursive: true });
  writeFileSync(join(answers, '_default.yaml'), `version: 1\nmode: forward\nforward: ${handler.target}\n`);
  return { handler, root, answers };
}

describe('mocks export / import', () => {
  it('exports one file per action in the answers format, and imports it into another history', async () => {
    const from = tempDir();
    const to = tempDir();
    const folder = join(tempDir(), 'answers');
    writeFileSync(join(from, 'mock.yaml'), 'body: {result: "hi {{parameters.name}}", error: ""}\n');
    expect((await cli(['mocks', 'set', 'send_email', '--file', join(from, 'mock.yaml'), '--data-dir', from], from)).code).toBe(0);
    expect((await cli(['mocks', 'set', '--default', '--file', join(from, 'mock.yaml'), '--data-dir', from], from)).code).toBe(0);
    expect(
      (await cli(['targets', 'set', 'lookup_order', 'http://localhost:8000/actions/{action_name}', '--data-dir', from], from)).code,
    ).toBe(0);

    const exported = await cli(['mocks', 'export', folder, '--data-dir', from], from);
    expect(exported.code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['_default.yaml', 'lookup_order.yaml', 'send_email.yaml']);
    const lookup = readFileSync(join(folder, 'lookup_order.yaml'), 'utf8');
    expect(lookup).toBe(
      '# yaml-language-server: $schema=../schemas/answers.schema.json\nversion: 1\nmode: forward\nforward: http://localhost:8000/actions/{action_name}\n',
    );

    const imported = await cli(['mocks', 'import', folder, '--data-dir', to], to);
    expect(imported).toMatchObject({ code: 0, stdout: `Imported 2 mocks and 1 forwarding setting from ${folder}.\n` });
    const listed = await cli(['mocks', 'list', '--json', '--data-dir', to], to);
    const before = await cli(['mocks', 'list', '--json', '--data-dir', from], from);
    const definitions = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { action: string; definition: unknown }).definition);
    expect(definitions(listed.stdout)).toEqual(definitions(before.stdout));
    expect((await cli(['targets', 'list', '--data-dir', to], to)).stdout).toContain('http://localhost:8000/actions/{action_name}');
  });

  it('counts a file that says mode: mock as no forwarding setting, and calls a mistaken file an answer file', async () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'send_email.yaml'), 'version: 1\nmode: mock\nstatus: 200\n');
    writeFileSync(join(folder, 'lookup_order.yaml'), 'version: 1\nmode: forward\nforward: http://localhost:8000/x\n');
    const data = tempDir();
    const imported = await cli(['mocks', 'import', folder, '--data-dir', data], data);
    expect(imported).toMatchObject({
      code: 0,
      stdout: `Imported 1 mock, 1 forwarding setting and 1 action set to answer with its mock (mode: mock) from ${folder}.\n`,
    });
    writeFileSync(join(folder, 'bad.yaml'), 'version: 1\nstatuss: 200\n');
    const refused = await cli(['mocks', 'import', folder, '--data-dir', data], data);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('nothing was imported. An answer file has a mistake; fix it first:');
    expect(refused.stderr).not.toContain('project');
  });

  it("says an answer file of version 2 is a newer companion's format, in the words an action file gets", async () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'send_email.yaml'), 'version: 2\nstatus: 200\n');
    const data = tempDir();
    const imported = await cli(['mocks', 'import', folder, '--data-dir', data], data);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toMatch(
      /send_email\.yaml:1:\d+: version 2 is the format of a newer Flowent Companion: update the companion to read this file, or write version: 1 if it keeps to this one's format\n/,
    );
  });

  it('imports nothing when one file has a mistake, naming the file and line', async () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'good.yaml'), 'version: 1\nstatus: 200\n');
    writeFileSync(join(folder, 'bad.yaml'), 'version: 1\nstatus: "two hundred"\n');
    const data = tempDir();
    expect((await cli(['mocks', 'clear', '--all', '--data-dir', data], data)).code).toBe(0);
    const imported = await cli(['mocks', 'import', folder, '--data-dir', data], data);
    expect(imported.code).toBe(2);
    // Named as the folder was given, as its warnings are: a path an editor opens from here.
    expect(imported.stderr).toContain(
      `nothing was imported. An answer file has a mistake; fix it first:\n  ${join(folder, 'bad.yaml')}:2:9: status must be`,
    );
    expect((await cli(['mocks', 'list', '--json', '--data-dir', data], data)).stdout).toBe('');
    // Given as "." from inside it: the file's own name, not the folder's name before it.
    // A child process: "." is where it runs, which an in-process command cannot change.
    const here = await runCli(['mocks', 'import', '.', '--data-dir', data], {}, { cwd: folder });
    expect(here.stderr).toContain('fix it first:\n  bad.yaml:2:9: status must be');

    // Nor is a folder with such a file exported into: the file may be an edit in progress.
    const exported = await cli(['mocks', 'export', folder, '--data-dir', data], data);
    expect(exported).toMatchObject({ code: 2, stderr: expect.stringContaining('nothing was exported') });
    expect(readFileSync(join(folder, 'bad.yaml'), 'utf8')).toBe('version: 1\nstatus: "two hundred"\n');
  });
});

describe('serve with a project folder', () => {
  it('answers from flowent/answers/ in the current folder, and prints a broken file with its line, then its fix', async () => {
    const root = tempDir('fc-project-');
    mkdirSync(join(root, 'flowent', 'answers'), { recursive: true });
    const file = join(root, 'flowent', 'answers', 'send_email.yaml');
    writeFileSync(file, 'version: 1\nbody: {result: "from the file", error: ""}\n');
    const server = await serveProject(root);
    expect(server.output()).toContain(`Project:      ${join(root, 'flowent')}`);
    expect(await call(server, 'send_email')).toEqual({ result: 'from the file', error: '' });

    writeFileSync(file, 'version: 1\nbody: {result: "broken", error: ""\n');
    await server.waitFor(
      /Project: answers\/send_email\.yaml has a mistake; its last good version keeps answering:\n {2}answers\/send_email\.yaml:2:35: not valid YAML/,
    );
    expect(await call(server, 'send_email')).toEqual({ result: 'from the file', error: '' });
    writeFileSync(file, 'version: 1\nbody: {result: "fixed", error: ""}\n');
    await server.waitFor(/Project: answers\/send_email\.yaml is fixed and in use\./);
    expect(await call(server, 'send_email')).toEqual({ result: 'fixed', error: '' });
  });
});

describe('an answer file without a mode', () => {
  it('takes the mode of _default.yaml: forwarded while that forwards, answered by its mock once it says mode: mock', async () => {
    const { handler, root, answers } = await projectForwardingToAHandler();
    const mock = 'body: {result: "from the file", error: ""}\n';
    writeFileSync(join(answers, 'send_email.yaml'), `version: 1\n${mock}`);
    const server = await serveProject(root);

    expect(await call(server, 'send_email')).not.toEqual({ result: 'from the file', error: '' });
    expect((await handler.received()).map((request) => request.url)).toEqual(['/actions/send_email']);

    writeFileSync(join(answers, 'send_email.yaml'), `version: 1\nmode: mock\n${mock}`);
    await expect.poll(() => call(server, 'send_email'), { timeout: 5_000 }).toEqual({ result: 'from the file', error: '' });
  });
});

describe('serve with a project folder broken from the start', () => {
  it('says a broken answer file is not used (no good version of it was ever read), and the built-in answer answers', async () => {
    const root = tempDir('fc-project-');
    mkdirSync(join(root, 'flowent', 'answers'), { recursive: true });
    const file = join(root, 'flowent', 'answers', 'send_email.yaml');
    writeFileSync(file, 'version: 1\nmode: forward\nforward: localhost:8000\n');
    const server = await serveProject(root);
    await server.waitFor(
      /Project: answers\/send_email\.yaml has a mistake; it is not used until fixed:\n {2}answers\/send_email\.yaml:3:10: forward must be/,
    );
    expect(server.output()).not.toContain('last good version');
    expect(await call(server, 'send_email')).toEqual({ result: 'ok', error: '' });
  });
});

describe('an answer file named .yml or .json', () => {
  it('is reported with what to rename it to, not passed over while another answer answers; its removal is said', async () => {
    const root = tempDir('fc-project-');
    mkdirSync(join(root, 'flowent', 'answers'), { recursive: true });
    const yml = join(root, 'flowent', 'answers', 'lookup_order.yml');
    writeFileSync(yml, 'version: 1\nbody: {result: "from yml", error: ""}\n');
    writeFileSync(join(root, 'flowent', 'answers', 'refund.json'), '{"version": 1, "body": {"result": "from json", "error": ""}}\n');
    const server = await serveProject(root);
    await server.waitFor(
      /Project: answers\/lookup_order\.yml has a mistake; it is not used until fixed:\n {2}answers\/lookup_order\.yml: name it lookup_order\.yaml/,
    );
    await server.waitFor(
      /Project: answers\/refund\.json has a mistake; it is not used until fixed:\n {2}answers\/refund\.json: name it refund\.yaml: .* \(its JSON can stay as it is: YAML reads JSON\)/,
    );

    rmSync(yml);
    await server.waitFor(/Project: answers\/lookup_order\.yml was removed\./);
    expect(server.output()).not.toContain('lookup_order.yml is fixed');
  });
});

describe('replay and send in a project folder', () => {
  it('send to the handler the answer files forward to, as serve in that folder does', async () => {
    const handler = await startHandler();
    cleanups.push(() => handler.stop());
    const root = tempDir('fc-project-');
    mkdirSync(join(root, 'flowent', 'answers'), { recursive: true });
    writeFileSync(join(root, 'flowent', 'answers', 'send_email.yaml'), `version: 1\nmode: forward\nforward: ${handler.target}\n`);
    const data = tempDir();
    const run = (args: string[]) => runInProcess([...args, '--data-dir', data], { env: { FLOWENT_HMAC_KEY: 'key' }, cwd: root });

    const sent = await run(['send', 'send_email', '--params', '{"recipient":"a@example.com"}']);
    expect(sent).toMatchObject({ code: 0, stderr: '' });
    const replayed = await run(['replay', '1']);
    expect(replayed).toMatchObject({ code: 0, stdout: expect.stringContaining('#1 → #2  200') });
    const received = await handler.received();
    expect(received.map((request) => request.url)).toEqual(['/actions/send_email', '/actions/send_email']);

    // From another folder, --project names the project, as for serve.
    const elsewhere = (args: string[]) => runInProcess([...args, '--data-dir', data], { env: { FLOWENT_HMAC_KEY: 'key' }, cwd: data });
    expect(await elsewhere(['send', 'send_email', '--params', '{}', '--project', root])).toMatchObject({ code: 0, stderr: '' });
    expect(await elsewhere(['replay', '1', '--project', root])).toMatchObject({ code: 0 });
    expect((await handler.received()).length).toBe(4);
    // A folder without flowent/ is nothing to work on (init makes it), as where it runs; a path that is not there, a bad value.
    const noProject = await elsewhere(['send', 'send_email', '--params', '{}', '--project', data]);
    expect(noProject).toMatchObject({ code: 1, stderr: expect.stringContaining(`There is no project folder at ${join(data, 'flowent')}`) });
    const notOne = await elsewhere(['send', 'send_email', '--params', '{}', '--project', join(data, 'nowhere')]);
    expect(notOne.code).toBe(2);
    expect(notOne.stderr).toContain('--project');

    // An action without a handler in the files: the way to give it one there, not in the history folder.
    const none = await run(['send', 'lookup_order', '--params', '{}']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(
      `There is no handler to send action lookup_order to. Pass --target <url>, or write "mode: forward" and "forward: <url>" into ${join(root, 'flowent', 'answers', 'lookup_order.yaml')}.`,
    );
  });
});

describe('replay and send in a project folder whose deciding answer file has a mistake', () => {
  it("refuse to guess where the call goes, naming the file's mistake, and send once it is fixed or --target is given", async () => {
    const { handler, root, answers } = await projectForwardingToAHandler();
    // A serve that read it while good still forwards send_email to another handler: `send` must not
    // go to _default.yaml's in its place.
    writeFileSync(
      join(answers, 'send_email.yaml'),
      'version: 1\nmode: forward\nforward: http://127.0.0.1:9/actions/{action_name}\nstatus: 2000\n',
    );
    const data = tempDir();
    const run = (args: string[]) => runInProcess([...args, '--data-dir', data], { env: { FLOWENT_HMAC_KEY: 'key' }, cwd: root });

    const refused = await run(['send', 'send_email', '--params', '{}']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      / answers\/send_email\.yaml has a mistake at line 4: [^()]*\. Until it is fixed, where action send_email goes cannot be told/,
    );
    expect(refused.stderr).toContain('Fix the file, or pass --target <url>.');
    // Another action is decided by _default.yaml alone, which is fine.
    expect((await run(['send', 'lookup_order', '--params', '{}'])).code).toBe(0);

    writeFileSync(join(answers, '_default.yaml'), 'version: 1\nmode: forwardd\n');
    const byDefault = await run(['send', 'lookup_order', '--params', '{}']);
    expect(byDefault.code).toBe(1);
    expect(byDefault.stderr).toMatch(/ answers\/_default\.yaml has a mistake at line 2: mode must be /);

    expect((await run(['send', 'send_email', '--params', '{}', '--target', handler.target])).code).toBe(0);
    writeFileSync(join(answers, 'send_email.yaml'), `version: 1\nmode: forward\nforward: ${handler.target}\n`);
    expect((await run(['send', 'send_email', '--params', '{}'])).code).toBe(0);
    expect((await handler.received()).map((request) => request.url)).toEqual([
      '/actions/lookup_order',
      '/actions/send_email',
      '/actions/send_email',
    ]);
  });
});

describe('mocks and targets in a project folder', () => {
  it('write its answer files, as the Answers dialog does, and leave the history folder’s as they were', async () => {
    const root = tempDir('fc-project-');
    const answers = join(root, 'flowent', 'answers');
    mkdirSync(answers, { recursive: true });
    writeFileSync(join(root, 'mock.yaml'), 'body: {result: "hi", error: ""}\n');
    const data = tempDir();
    const run = (args: string[], cwd = root) => runInProcess([...args, '--data-dir', data], { env: {}, cwd });
    const file = () => readFileSync(join(answers, 'lookup_order.yaml'), 'utf8');
    const steps: [string[], string, (text: string) => void][] = [
      [
        ['targets', 'set', 'lookup_order', 'http://localhost:8000/actions/{action_name}'],
        'Calls for action lookup_order are forwarded to http://localhost:8000/actions/{action_name} (in flowent/answers/lookup_order.yaml).\n',
        (text) => expect(text).toContain('mode: forward\nforward: http://localhost:8000/actions/{action_name}\n'),
      ],
      [
        ['targets', 'mode', 'lookup_order', 'mock'],
        'action lookup_order: mode mock (in flowent/answers/lookup_order.yaml).\n',
        (text) => expect(text).toContain('mode: mock\n'),
      ],
      [['mocks', 'clear', 'lookup_order'], 'There was no mock for action lookup_order.\n', (text) => expect(text).not.toContain('body:')],
      [
        ['targets', 'clear', 'lookup_order'],
        'Cleared the setting for action lookup_order (in flowent/answers/lookup_order.yaml).\n',
        (text) => expect(text).not.toContain('mode:'),
      ],
    ];
    for (const [args, stdout, check] of steps) {
      const done = await run(args);
      expect(done, args.join(' ')).toMatchObject({ code: 0, stdout, stderr: '' });
      check(file());
    }
    const mocked = await run(['mocks', 'set', 'lookup_order', '--file', join(root, 'mock.yaml')]);
    expect(mocked).toMatchObject({ code: 0, stderr: '' });
    expect(mocked.stdout).toContain('Stored the mock for action lookup_order (in flowent/answers/lookup_order.yaml).\n');
    // The mock file's text as written, after the fields the file had.
    expect(file()).toMatch(/\nversion: 1\nbody: \{result: "hi", error: ""\}\n$/);
    expect((await run(['mocks', 'list'])).stdout).toContain('lookup_order');
    // Run elsewhere, they work on the history folder's answers, which hold none of it.
    expect(await run(['mocks', 'list'], data)).toMatchObject({ code: 0, stdout: '' });
  });
});
