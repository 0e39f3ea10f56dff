import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, startServe, type RunResult } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { answerFile, answerOf } from '../helpers/project-calls';

const { cleanups } = cleanupsPerTest();

/** A project folder with `answers/` and `actions/`; `root` holds `flowent/`. */
function project(): { root: string; dir: string; data: string } {
  const root = makeTempDir('fc-project-');
  const data = makeTempDir();
  cleanups.push(root.remove, data.remove);
  const dir = join(root.path, 'flowent');
  mkdirSync(join(dir, 'answers'), { recursive: true });
  mkdirSync(join(dir, 'actions'));
  return { root: root.path, dir, data: data.path };
}

/**
 * Runs the built command in `cwd`; a command stuck on a file (blocked in the kernel, where
 * Ctrl-C does not reach it) is killed after `ms` and comes back with code null.
 */
function run(args: string[], cwd: string, ms = 20_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, FLOWENT_API_TOKEN: '' } });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Well over the project file limit (4 MB), the size of a log pasted into the folder by mistake. */
const HUGE = `version: 1\n# ${'x'.repeat(5 * 1024 * 1024)}\nbody: {result: "huge", error: ""}\n`;

describe.skipIf(process.platform === 'win32')('files in the project folder that are not regular files', () => {
  it('serve reports a named pipe, a link to nothing and a huge file as they appear, and goes on answering', async () => {
    const { root, dir, data } = project();
    writeFileSync(join(dir, 'answers', 'send_email.yaml'), answerFile('from the file'));
    const server = await startServe(['--port', '0', '--data-dir', data, '--project', root]);
    // Blocked on a pipe, the process no longer runs its SIGTERM handler.
    cleanups.push(async () => {
      server.child.kill('SIGKILL');
      await server.exited;
    });

    execFileSync('mkfifo', [join(dir, 'answers', 'fifo_action.yaml')]);
    await server.waitFor(
      /Project: answers\/fifo_action\.yaml has a mistake; it is not used until fixed:\n {2}answers\/fifo_action\.yaml: is not a regular file \(it is a named pipe\), so it is not read: remove it/,
      10_000,
    );
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'from the file', error: '' });
    expect(await answerOf(server.baseUrl, 'fifo_action')).toEqual({ result: 'ok', error: '' });

    symlinkSync('nowhere.yaml', join(dir, 'answers', 'linked.yaml'));
    await server.waitFor(
      / {2}answers\/linked\.yaml: is a symbolic link to nowhere\.yaml, which is not there: fix the link, or remove it/,
      10_000,
    );

    writeFileSync(join(dir, 'answers', 'huge_action.yaml'), HUGE);
    await server.waitFor(
      / {2}answers\/huge_action\.yaml: is 5.0 MB, over the 4 MB a project file may be, so it is not read \(Flowent accepts answers of at most 1 MB\): make it smaller/,
      10_000,
    );
    expect(await answerOf(server.baseUrl, 'huge_action')).toEqual({ result: 'ok', error: '' });

    // An action file too: its schema checks the calls.
    execFileSync('mkfifo', [join(dir, 'actions', 'send_email.yaml')]);
    expect(await answerOf(server.baseUrl, 'send_email')).toEqual({ result: 'from the file', error: '' });
    await server.waitFor(/ {2}actions\/send_email\.yaml: is not a regular file \(it is a named pipe\)/, 10_000);
  });

  it('serve starts with a named pipe among the answers, reporting it', async () => {
    const { root, dir, data } = project();
    execFileSync('mkfifo', [join(dir, 'answers', 'fifo_action.yaml')]);
    // Spawned here, not with startServe: a serve stuck before its banner is still killed afterwards.
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--inspector-port', '0', '--data-dir', data, '--project', root]);
    const exited = new Promise((resolve) => child.on('close', resolve));
    cleanups.push(async () => {
      child.kill('SIGKILL');
      await exited;
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    await expect.poll(() => output, { timeout: 20_000 }).toMatch(/Press Ctrl-C to stop\./);
    expect(output).toMatch(/answers\/fifo_action\.yaml: is not a regular file \(it is a named pipe\)/);
    const baseUrl = /Webhook URL: +(http:\/\/\S+?)\/actions\/<action_name>/.exec(output)?.[1] ?? '';
    expect(await answerOf(baseUrl, 'fifo_action')).toEqual({ result: 'ok', error: '' });
  });

  it('actions plan and mocks import refuse a named pipe or a huge file, naming it, without blocking', async () => {
    const { root, dir, data } = project();
    execFileSync('mkfifo', [join(dir, 'actions', 'fifo_action.yaml')]);
    writeFileSync(join(dir, 'actions', 'huge_action.yaml'), HUGE);
    const plan = await run(['actions', 'plan', '--data-dir', data], root);
    expect(plan.stderr).toContain('actions/fifo_action.yaml: is not a regular file (it is a named pipe)');
    expect(plan.stderr).toContain('actions/huge_action.yaml: is 5.0 MB, over the 4 MB a project file may be');
    // A project file with a mistake is the file to fix: exit 2, as README's table says.
    expect(plan.code).toBe(2);

    execFileSync('mkfifo', [join(dir, 'answers', 'fifo_action.yaml')]);
    writeFileSync(join(dir, 'answers', 'send_email.yaml'), answerFile('from the file'));
    const imported = await run(['mocks', 'import', join(dir, 'answers'), '--data-dir', data], root);
    expect(imported.stderr).toContain('nothing was imported');
    expect(imported.stderr).toContain('answers/fifo_action.yaml: is not a regular file (it is a named pipe)');
    expect(imported.code).toBe(2);
  });
});
