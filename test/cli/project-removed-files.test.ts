import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { serveOnProject } from '../helpers/serve-on-project';
import { makeTempDir } from '../helpers/temp-dir';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { answerFile, answerOf } from '../helpers/project-calls';

const { cleanups } = cleanupsPerTest();

describe('serve, when project files are removed', () => {
  it('says which file went and what answers in its place, and when the whole folder went', async () => {
    const { dir, server } = await serveOnProject(cleanups, {
      'answers/_default.yaml': answerFile('the default'),
      'answers/send_email.yaml': answerFile('send_email own'),
      'answers/lookup_order.yaml': answerFile('lookup_order own'),
    });
    const answers = join(dir, 'answers');
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'send_email own', error: '' });

    rmSync(join(answers, 'send_email.yaml'));
    await server.waitFor(/Project: answers\/send_email\.yaml was removed: send_email now answers with the mock of _default\.yaml\.\n/);
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'the default', error: '' });

    rmSync(join(answers, '_default.yaml'));
    await server.waitFor(
      /Project: answers\/_default\.yaml was removed: every action without a file of its own gets the built-in answer now, \{"result":"ok","error":""\}\.\n/,
    );
    rmSync(join(answers, 'lookup_order.yaml'));
    await server.waitFor(
      /Project: answers\/lookup_order\.yaml was removed: lookup_order \(there is no _default\.yaml\) gets the built-in answer now, \{"result":"ok","error":""\}\.\n/,
    );
    expect(await answerOf(server.baseUrl, 'lookup_order')).toEqual({ result: 'ok', error: '' });

    writeFileSync(join(answers, 'send_email.yaml'), answerFile('send_email again'));
    // Its coming back is said as its going was.
    await server.waitFor(/Project: answers\/send_email\.yaml was added and is in use: send_email now answers with its mock\.\n/);
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'send_email again', error: '' });
    // Moved away and then removed, so the folder goes at once: removed in place, a busy machine
    // may pause between its files and the folder, and the files' removal is then told by itself.
    renameSync(dir, `${dir}.gone`);
    rmSync(`${dir}.gone`, { recursive: true });
    await server.waitFor(
      new RegExp(
        `Project: ${dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} was removed: its last version keeps answering: answers/send_email\\.yaml; every other action gets the built-in answer now, \\{"result":"ok","error":""\\}; it is read again when it is back \\(restart serve to stop using it\\)\\.\\n`,
      ),
    );
    // Said once for the folder, not once more for each of its files.
    expect(server.output()).not.toMatch(/send_email\.yaml was removed: send_email \(there is no/);
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'send_email again', error: '' });

    mkdirSync(answers, { recursive: true });
    writeFileSync(join(answers, 'send_email.yaml'), answerFile('send_email back'));
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'send_email back', error: '' });
    await server.waitFor(
      /Project: \S+ is back; its files answer again: answers\/send_email\.yaml; every other action gets the built-in answer now, \{"result":"ok","error":""\}\.\n/,
    );
  });

  it('refuses mocks and targets run in the project folder while it is gone, saying what to do, and writes nowhere', async () => {
    const { root, data, dir, server } = await serveOnProject(cleanups, { 'answers/_default.yaml': answerFile('the default') });
    const mock = join(data.path, 'mock.yaml');
    writeFileSync(mock, 'body: {result: "new", error: ""}\n');
    rmSync(dir, { recursive: true });
    await server.waitFor(/was removed: its last version keeps answering/);

    const said =
      `Not saved: the project folder ${dir} was removed (a branch switch?); its last version keeps answering. ` +
      'Bring the folder back (switch back to the branch, say) and save again, or restart serve outside the project ' +
      "(or open another project folder in the app) to save in the history folder's answers.\n";
    for (const [command, ...args] of [
      ['mocks', 'set', 'send_email', '--file', mock],
      ['targets', 'set', '--default', 'http://localhost:8000/actions/{action_name}'],
      ['targets', 'mode', 'send_email', 'mock'],
    ] as const) {
      const done = await runCli([command, ...args, '--data-dir', data.path], {}, { cwd: root.path });
      expect(done, `${command} ${args.join(' ')}`).toMatchObject({ code: 1, stdout: '', stderr: `flowent-companion ${command}: ${said}` });
    }
    // Not the history folder's answers instead, and not a folder made again.
    const listed = await runCli(['mocks', 'list', '--json', '--data-dir', data.path]);
    expect(listed.stdout).toBe('');
    expect((await runCli(['targets', 'list', '--json', '--data-dir', data.path])).stdout).toBe('');
    expect(existsSync(dir)).toBe(false);
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'the default', error: '' });
  });
});

describe("serve's inspector, when the project folder is removed", () => {
  it('refuses to plan, apply or pull its actions, saying to bring the folder back, and makes no flowent/ again', async () => {
    const { dir, server } = await serveOnProject(cleanups, {
      'actions/lookup_order.yaml':
        'version: 1\ndescription: Look an order up\njson_schema: {type: object}\nwebhook_url: http://localhost:8000/actions/lookup_order\n',
    });
    const token = /#token=([\w-]+)/.exec(server.inspectorUrl ?? '')?.[1];
    const call = async (method: string) => {
      const response = await fetch(`${new URL(server.inspectorUrl!).origin}/api/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: method === 'pullActions' ? '[true, false]' : '[true]',
      });
      expect(response.status).toBe(200);
      return response.json();
    };
    rmSync(dir, { recursive: true });
    await server.waitFor(/was removed: /);

    for (const method of ['planActions', 'applyActions', 'pullActions'])
      expect(await call(method), method).toEqual({ ok: true, value: { ok: false, code: 'project-folder-removed-actions', folder: dir } });
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses actions plan, apply and pull run there (or given it with --project) in the same words, not as no project to init', async () => {
    const { root, data, dir, server } = await serveOnProject(cleanups, { 'answers/_default.yaml': answerFile('the default') });
    rmSync(dir, { recursive: true });
    await server.waitFor(/was removed: /);

    const said =
      `The project folder ${dir} was removed (a branch switch?): its actions are not planned, applied or pulled until it is back. ` +
      'Bring the folder back (switch back to the branch, say), then run this again.\n';
    for (const [sub, ...flags] of [['plan'], ['apply', '--prune'], ['pull'], ['plan', '--project', root.path]]) {
      const done = await runCli(['actions', sub!, ...flags, '--data-dir', data.path], {}, { cwd: root.path });
      expect(done, [sub, ...flags].join(' ')).toMatchObject({ code: 1, stdout: '', stderr: `flowent-companion actions ${sub}: ${said}` });
    }
    expect(existsSync(dir)).toBe(false);
  });
});

describe('mocks and targets, run where flowent/ was removed while no serve runs', () => {
  // Nothing says the folder was ever there (no serve answers from it): the folder is simply not
  // a project now, as on a branch without flowent/, and the commands work on the history folder's
  // answers, as serve run there would answer from them. Clearing every one says so.
  it("clear --all clears the history folder's answers and says so, and makes no flowent/ again", async () => {
    const root = makeTempDir('fc-project-');
    const data = makeTempDir();
    cleanups.push(root.remove, data.remove);
    const env = { FLOWENT_COMPANION_DATA_DIR: data.path };
    const mock = join(data.path, 'mock.yaml');
    writeFileSync(mock, 'body: {result: "kept", error: ""}\n');
    const outside = { cwd: data.path };
    const inRoot = { cwd: root.path };
    expect((await runCli(['mocks', 'set', 'lookup_order', '--file', mock], env, outside)).code).toBe(0);
    expect((await runCli(['targets', 'set', 'lookup_order', 'http://127.0.0.1:9/history'], env, outside)).code).toBe(0);
    expect((await runCli(['init'], env, inRoot)).code).toBe(0);
    const inProject = await runCli(['mocks', 'set', 'send_email', '--file', mock], env, inRoot);
    expect(inProject.stdout).toContain('(in flowent/answers/send_email.yaml)');
    expect((await runCli(['targets', 'set', 'send_email', 'http://127.0.0.1:9/project'], env, inRoot)).code).toBe(0);

    rmSync(join(root.path, 'flowent'), { recursive: true });
    const listed = await runCli(['mocks', 'list', '--json'], env, inRoot);
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { action: string }).action),
    ).toEqual(['lookup_order']);
    expect(await runCli(['mocks', 'clear', '--all'], env, inRoot)).toMatchObject({
      code: 0,
      stdout: "Removed 1 mock (in the history folder's answers).\n",
      stderr: '',
    });
    expect(await runCli(['targets', 'clear', '--all'], env, inRoot)).toMatchObject({
      code: 0,
      stdout: "Cleared 1 setting (in the history folder's answers).\n",
      stderr: '',
    });
    expect(existsSync(join(root.path, 'flowent'))).toBe(false);
    expect((await runCli(['mocks', 'list', '--json'], env, outside)).stdout).toBe('');
    expect((await runCli(['targets', 'list', '--json'], env, outside)).stdout).toBe('');
  });
});
