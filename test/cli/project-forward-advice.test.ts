import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServe } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { callAction } from '../helpers/project-calls';

const { cleanups } = cleanupsPerTest();

/** A serve answering from a project whose flowent/answers/ holds `files` (name: text); also where they are. */
async function serveProject(files: Record<string, string>) {
  const root = makeTempDir('fc-project-');
  const data = makeTempDir();
  cleanups.push(root.remove, data.remove);
  const answers = join(root.path, 'flowent', 'answers');
  mkdirSync(answers, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(answers, name), text);
  const server = await startServe(['--port', '0', '--data-dir', data.path, '--project', root.path]);
  cleanups.push(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return { server, answers };
}

describe('an answer file set to forward with no URL', () => {
  // "targets set" run elsewhere sets the history folder's targets, which the files override: it is named only with where to run it.
  it('is told to get "forward:" in its file, or "targets set" where flowent/ is, at start, in its warning and in the 502', async () => {
    const { server, answers } = await serveProject({ 'fwd_act.yaml': 'version: 1\nmode: forward\n' });
    expect(server.output()).toContain(
      '  Answers:      fwd_act: set to forward, but no target is saved: calls get a 502 (add "forward: <url>" to flowent/answers/fwd_act.yaml)\n' +
        '                every other action: the mocks (no handler target is given: "forward: <url>" in flowent/answers/_default.yaml or --forward sets one)\n',
    );
    const setHere =
      'run "flowent-companion targets set fwd_act <url>" in the folder that holds flowent/, or add "forward: <url>" to answers/fwd_act.yaml';
    expect(server.output()).toContain(setHere);
    expect(server.output().split('targets set')).toHaveLength(server.output().split(setHere).length);

    const answered = await callAction(server.baseUrl, 'fwd_act');
    expect(answered.status).toBe(502);
    expect(answered.body).toContain(
      'Action fwd_act is set to forward, but no target is set: add \\"forward: <url>\\" to flowent/answers/fwd_act.yaml or start with --forward <url>.',
    );

    // Set to forward by _default.yaml, an action's target goes there (or in a file of its own).
    writeFileSync(join(answers, '_default.yaml'), 'version: 1\nmode: forward\n');
    expect((await callAction(server.baseUrl, 'send_email')).body).toContain('add \\"forward: <url>\\" to flowent/answers/_default.yaml');
  });
});

describe('an answer file that forwards to a URL', () => {
  it('is said to take its target from the file, not from the targets "targets set" saves', async () => {
    const { server } = await serveProject({
      'fwd.yaml': 'version: 1\nforward: http://127.0.0.1:9/fwd\n',
      '_default.yaml': 'version: 1\nmode: forward\nforward: http://127.0.0.1:9/actions/{action_name}\n',
    });
    expect(server.output()).toContain(
      '  Answers:      fwd: forwarded to http://127.0.0.1:9/fwd (from flowent/answers/fwd.yaml)\n' +
        '                every other action: forwarded to http://127.0.0.1:9/actions/{action_name} (from flowent/answers/_default.yaml)\n',
    );
    expect(server.output()).not.toContain('saved');
  });
});
