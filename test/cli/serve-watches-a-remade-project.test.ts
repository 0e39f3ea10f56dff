import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { answerFile, answerOf } from '../helpers/project-calls';
import { saveByRename } from '../helpers/serve-on-project';

const { cleanups, tempDir } = cleanupsPerTest();

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** The output holds `pattern` `count` times (a serve's output keeps its earlier lines). */
const times = (pattern: string, count: number) => new RegExp(`(?:${pattern}[\\s\\S]*){${count}}`);

/** A serve in a project whose answers/ holds `files`; no call is sent. */
async function serveProject(files: Record<string, string>): Promise<{ server: ServeProcess; dir: string }> {
  const root = tempDir('fc-project-');
  const dir = join(root, 'flowent');
  mkdirSync(join(dir, 'answers'), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, 'answers', file), text);
  const server = await startServe(['--port', '0', '--data-dir', tempDir(), '--project', root]);
  cleanups.push(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return { server, dir };
}

/** A handler on a real socket that answers each call with the path it came to. */
async function pathEchoHandler(): Promise<string> {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ result: `handler ${request.url}`, error: '' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Makes `folder` whole beside it, then puts it in place at once, as a tool that replaces a folder does. */
function replaceFolder(folder: string, files: Record<string, string>): void {
  const next = `${folder}.next`;
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(next, file)), { recursive: true });
    writeFileSync(join(next, file), text);
  }
  renameSync(next, folder);
}

describe('serve, when the project folder is removed and made again', () => {
  it('says when flowent/ is back and which files answer, and keeps seeing their edits', async () => {
    const { server, dir } = await serveProject({ 'send_email.yaml': answerFile('before') });

    rmSync(dir, { recursive: true });
    await server.waitFor(new RegExp(`Project: ${escaped(dir)} was removed: its last version keeps answering: answers/send_email\\.yaml;`));
    replaceFolder(dir, { 'answers/send_email.yaml': answerFile('after') });
    // Said before any call reads the files again: the folder above flowent/ is watched.
    await server.waitFor(
      new RegExp(
        `Project: ${escaped(dir)} is back; its files answer again: answers/send_email\\.yaml; every other action gets the built-in answer now, \\{"result":"ok","error":""\\}\\.\\n`,
      ),
    );

    // The new answers/ is watched too: a mistake saved in it is told without a call.
    saveByRename(join(dir, 'answers', 'send_email.yaml'), 'version: 1\nbody: [unclosed\n');
    await server.waitFor(/Project: answers\/send_email\.yaml has a mistake; its last good version keeps answering:\n/);
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'after', error: '' });
    saveByRename(join(dir, 'answers', 'send_email.yaml'), answerFile('edited'));
    await server.waitFor(/Project: answers\/send_email\.yaml is fixed and in use\.\n/);
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'edited', error: '' });
  });

  // A branch without flowent/: the folder goes as a broken file does, its last version answering.
  it('keeps answering from the last version of flowent/ while it is gone, and reads it again when it is back', async () => {
    const handler = await pathEchoHandler();
    const forwardTo = (path: string) => `version: 1\nmode: forward\nforward: ${handler}/${path}/{action_name}\n`;
    const { server, dir } = await serveProject({
      '_default.yaml': forwardTo('first'),
      'send_email.yaml': `mode: mock\n${answerFile('mock first')}`,
    });
    expect(await answerOf(server.baseUrl, 'lookup_order')).toEqual({ result: 'handler /first/lookup_order', error: '' });

    rmSync(dir, { recursive: true });
    await server.waitFor(
      new RegExp(
        `Project: ${escaped(dir)} was removed: its last version keeps answering: answers/_default\\.yaml, answers/send_email\\.yaml; ` +
          'it is read again when it is back \\(restart serve to stop using it\\)\\.\\n',
      ),
    );
    expect(await answerOf(server.baseUrl, 'lookup_order')).toEqual({ result: 'handler /first/lookup_order', error: '' });
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'mock first', error: '' });
    // Said once, however many calls read the files while it is gone.
    expect(server.output().match(/was removed/g)).toHaveLength(1);

    // Back in place, as the other branch's checkout brings it: changed, and one file fewer.
    mkdirSync(join(dir, 'answers'), { recursive: true });
    saveByRename(join(dir, 'answers', '_default.yaml'), forwardTo('second'));
    await server.waitFor(new RegExp(`Project: ${escaped(dir)} is back; its files answer again: answers/_default\\.yaml\\.\\n`));
    expect(await answerOf(server.baseUrl, 'lookup_order')).toEqual({ result: 'handler /second/lookup_order', error: '' });
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'handler /second/send_email', error: '' });
  });

  // What a branch switch or "rm -rf flowent && git restore flowent" does: the folder comes back
  // in place, folder first, then its files.
  it('keeps watching after flowent/ goes and comes back in place, more than once', async () => {
    const { server, dir } = await serveProject({ '_default.yaml': answerFile('first') });
    for (const [round, result] of ['second', 'third'].entries()) {
      rmSync(dir, { recursive: true });
      await server.waitFor(times(`Project: ${escaped(dir)} was removed: `, round + 1));
      mkdirSync(join(dir, 'answers'), { recursive: true });
      saveByRename(join(dir, 'answers', '_default.yaml'), answerFile(result));
      await server.waitFor(times(`Project: ${escaped(dir)} is back`, round + 1));
      expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result, error: '' });
      // Told with no call after the save: the new answers/ is watched.
      saveByRename(join(dir, 'answers', '_default.yaml'), 'version: 1\nmode: [unclosed\n');
      await server.waitFor(times('Project: answers/_default\\.yaml has a mistake; its last good version keeps answering:\\n', round + 1));
      expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result, error: '' });
    }
  });

  it("checks calls' parameters against the last version of actions/ while flowent/ is gone, and the new one when it is back", async () => {
    const { server, dir } = await serveProject({ '_default.yaml': answerFile('default') });
    const action = (required: string) =>
      `version: 1\ndescription: Send an email\njson_schema:\n  type: object\n  required: [${required}]\n  properties:\n    recipient: {type: string, format: email}\nwebhook_url: here\n`;
    mkdirSync(join(dir, 'actions'));
    writeFileSync(join(dir, 'actions', 'send_email.yaml'), action('recipient'));
    const send = async (parameters: Record<string, unknown>) => {
      const body = JSON.stringify({ action_name: 'send_email', parameters, timestamp: Math.floor(Date.now() / 1000) });
      const response = await fetch(`${server.baseUrl}/actions/send_email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(200);
    };
    const checked = (problem: string, count: number) =>
      server.waitFor(times(`  parameters: ${escaped(problem)} \\(checked against the project's actions/send_email\\.yaml\\)\\n`, count));

    await send({ recipient: 'ada' });
    await checked('parameters.recipient is not a valid email.', 1);
    rmSync(dir, { recursive: true });
    await server.waitFor(
      new RegExp(
        `Project: ${escaped(dir)} was removed: its last version keeps answering: answers/_default\\.yaml; ` +
          'its action files keep checking parameters: actions/send_email\\.yaml; it is read again when it is back',
      ),
    );
    await send({ recipient: 'ada' });
    await checked('parameters.recipient is not a valid email.', 2);

    replaceFolder(dir, { 'answers/_default.yaml': answerFile('default'), 'actions/send_email.yaml': action('recipient, subject') });
    await server.waitFor(
      new RegExp(
        `Project: ${escaped(dir)} is back; its files answer again: answers/_default\\.yaml; ` +
          'its action files check parameters again: actions/send_email\\.yaml\\.\\n',
      ),
    );
    await send({ recipient: 'ada@example.com' });
    await checked('parameters.subject is missing (the schema requires it).', 1);
  });

  it('says when answers/ is back and which files answer, and watches the new one', async () => {
    const { server, dir } = await serveProject({ '_default.yaml': answerFile('default'), 'send_email.yaml': answerFile('before') });
    const answers = join(dir, 'answers');

    // Moved out whole, then removed: its going is said once, for all of its files.
    renameSync(answers, `${dir}-answers.gone`);
    rmSync(`${dir}-answers.gone`, { recursive: true });
    await server.waitFor(/Project: answers\/ was removed: every action gets the built-in answer now, \{"result":"ok","error":""\}\.\n/);
    replaceFolder(answers, { 'send_email.yaml': answerFile('after') });
    await server.waitFor(
      /Project: answers\/ is back; its files answer again: answers\/send_email\.yaml; every other action gets the built-in answer now, \{"result":"ok","error":""\}\.\n/,
    );
    writeFileSync(join(answers, '_default.yaml'), 'version: 1\nmode: [unclosed\n');
    await server.waitFor(/Project: answers\/_default\.yaml has a mistake; it is not used until fixed:\n/);
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'after', error: '' });
  });
});
