import { closeSync, mkdirSync, openSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ServeProcess } from '../helpers/spawn-cli';
import { saveByRename, serveOnProject } from '../helpers/serve-on-project';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { answerFile, answerOf } from '../helpers/project-calls';

const { cleanups } = cleanupsPerTest();

const actionFile = (name: string, description: string) =>
  `version: 1\ndescription: ${description}\njson_schema: {type: object}\nwebhook_url: http://localhost:8000/actions/${name}\n`;

/** The lines serve printed about the project's changes (not its start banner's `  Project:`). */
const changeLines = (server: ServeProcess) =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('Project: '));

/** Waits for `line`, printed whole on a line of its own. */
const printed = (server: ServeProcess, line: string) =>
  server.waitFor(new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm'));

/** Well over the time the watcher lets a save settle: what a save that is not news would have printed by now. */
const AFTER_SETTLING_MS = 600;

/** Saves as vim does by default: the file moved to a backup, written anew, the backup removed. */
function saveWithBackup(path: string, text: string): void {
  renameSync(path, `${path}~`);
  writeFileSync(path, text);
  unlinkSync(`${path}~`);
}

describe('serve, while the files of its project change', () => {
  it('says each action file added, changed, renamed or removed in one line, with what checks parameters now', async () => {
    const { dir, server } = await serveOnProject(cleanups, { 'actions/lookup_order.yaml': actionFile('lookup_order', 'Look an order up') });
    const actions = join(dir, 'actions');
    const said = [
      "Project: actions/send_email.yaml was added and is in use: send_email's parameters are checked against it now.",
      "Project: actions/send_email.yaml was changed: send_email's parameters are checked against it as it says now.",
      'Project: actions/send_email.yaml was renamed to actions/notify.yaml and is in use: ' +
        "notify's parameters are checked against it now; send_email's parameters are checked against no project file now; " +
        "a schema defined in the simulator, or else Flowent's (as last listed), checks them when there is one.",
      "Project: actions/notify.yaml was removed: notify's parameters are checked against no project file now; " +
        "a schema defined in the simulator, or else Flowent's (as last listed), checks them when there is one.",
    ];

    writeFileSync(join(actions, 'send_email.yaml'), actionFile('send_email', 'Send an email'));
    await printed(server, said[0]!);
    saveByRename(join(actions, 'send_email.yaml'), actionFile('send_email', 'Send one email'));
    await printed(server, said[1]!);
    // Saved again as it was (or only touched): nothing the companion does changes, nothing is said.
    writeFileSync(join(actions, 'send_email.yaml'), actionFile('send_email', 'Send one email'));
    await sleep(AFTER_SETTLING_MS);
    renameSync(join(actions, 'send_email.yaml'), join(actions, 'notify.yaml'));
    await printed(server, said[2]!);
    rmSync(join(actions, 'notify.yaml'));
    await printed(server, said[3]!);
    expect(changeLines(server)).toEqual(said);
  });

  it('says an answer file changed or renamed in one line, however its editor writes it', async () => {
    const { dir, server } = await serveOnProject(cleanups, {
      'answers/_default.yaml': answerFile('the default'),
      'answers/send_email.yaml': answerFile('send_email own'),
    });
    const answers = join(dir, 'answers');
    const said = [
      'Project: answers/send_email.yaml was changed: send_email now answers with its mock.',
      'Project: answers/send_email.yaml was renamed to answers/notify.yaml and is in use: ' +
        'notify now answers with its mock; send_email now answers with the mock of _default.yaml.',
      'Project: answers/notify.yaml was changed: notify now answers with its mock.',
    ];

    saveWithBackup(join(answers, 'send_email.yaml'), answerFile('send_email saved'));
    await printed(server, said[0]!);
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'send_email saved', error: '' });
    renameSync(join(answers, 'send_email.yaml'), join(answers, 'notify.yaml'));
    await printed(server, said[1]!);
    expect(await answerOf(server.baseUrl, 'notify')).toEqual({ result: 'send_email saved', error: '' });
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'the default', error: '' });

    // Written in two parts a moment apart: read once it is whole, not said broken and then fixed.
    const file = openSync(join(answers, 'notify.yaml'), 'w');
    writeSync(file, 'version: 1\nbody: {res');
    await sleep(60);
    writeSync(file, 'ult: "notify own", error: ""}\n');
    closeSync(file);
    await printed(server, said[2]!);
    await sleep(AFTER_SETTLING_MS);
    expect(changeLines(server)).toEqual(said);
    expect(await answerOf(server.baseUrl, 'notify')).toEqual({ result: 'notify own', error: '' });
  });

  it('says answers/ or actions/ removed and back in one line each, not one line a file', async () => {
    const { root, dir, server } = await serveOnProject(cleanups, {
      'answers/_default.yaml': answerFile('the default'),
      'answers/send_email.yaml': answerFile('send_email own'),
      'actions/send_email.yaml': actionFile('send_email', 'Send an email'),
    });
    const said = [
      'Project: answers/ was removed: every action gets the built-in answer now, {"result":"ok","error":""}.',
      'Project: answers/ is back; its files answer again: answers/_default.yaml, answers/send_email.yaml.',
      "Project: actions/ was removed: calls' parameters are checked against no project file now; " +
        "a schema defined in the simulator, or else Flowent's (as last listed), checks them when there is one.",
      'Project: actions/ is back; its action files check parameters again: actions/send_email.yaml.',
    ];

    renameSync(join(dir, 'answers'), join(root.path, 'answers.away'));
    await printed(server, said[0]!);
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'ok', error: '' });
    renameSync(join(root.path, 'answers.away'), join(dir, 'answers'));
    await printed(server, said[1]!);
    renameSync(join(dir, 'actions'), join(root.path, 'actions.away'));
    await printed(server, said[2]!);
    renameSync(join(root.path, 'actions.away'), join(dir, 'actions'));
    await printed(server, said[3]!);
    expect(changeLines(server)).toEqual(said);
  });

  it('says a .yml renamed to .yaml as it asked in one line, and passes over files it does not read', async () => {
    const { dir, server } = await serveOnProject(cleanups, { 'answers/_default.yaml': answerFile('the default') });
    mkdirSync(join(dir, 'actions'));
    const said = [
      "Project: actions/send_email.yml has a mistake; calls' parameters are not checked against it, and the actions are not planned, applied or pulled until it is fixed:",
      "Project: actions/send_email.yml was renamed to actions/send_email.yaml and is in use: send_email's parameters are checked against it now.",
    ];

    writeFileSync(join(dir, 'actions', 'send_email.yml'), actionFile('send_email', 'Send an email'));
    await printed(server, said[0]!);
    // Notes beside the files are not project files: the companion reads none of them.
    writeFileSync(join(dir, 'answers', 'notes.txt'), 'send_email answers slowly on Mondays\n');
    writeFileSync(join(dir, 'actions', 'README.md'), '# Our actions\n');
    writeFileSync(join(dir, 'NOTES.md'), '# Notes\n');
    await sleep(AFTER_SETTLING_MS);
    renameSync(join(dir, 'actions', 'send_email.yml'), join(dir, 'actions', 'send_email.yaml'));
    await printed(server, said[1]!);
    expect(changeLines(server)).toEqual(said);
  });
});
