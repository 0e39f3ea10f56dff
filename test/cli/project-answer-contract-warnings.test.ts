import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runCli } from '../helpers/spawn-cli';
import { serveOnProject } from '../helpers/serve-on-project';
import { answerFile, callAction } from '../helpers/project-calls';

const { cleanups } = cleanupsPerTest();

// Valid answer files whose answers break Flowent's contract: they answer as they say all the same.
const RESULT_A_NUMBER = 'version: 1\nstatus: 200\nbody:\n  result: 5\n  error: ""\n';
const STATUS_500 = 'version: 1\nstatus: 500\nbody: {result: "", error: "down"}\n';

const heading = (file: string) =>
  `Project: answers/${file} answers as it says, but its answers break Flowent's contract ` +
  '(a warning, not a mistake: keep them if you mean a call to fail):';
/** The warning of RESULT_A_NUMBER: at `5`, line 4, column 11. */
const RESULT_WARNING = /^ {2}answers\/lookup\.yaml:4:11: body\.result: .+$/m;
const STATUS_WARNING = /^ {2}answers\/lookup\.yaml:2:9: status: .+$/m;

describe('an answer file that breaks Flowent contract, in a project', () => {
  it('is warned of by serve at its start and when a save changes its warnings, and still answers as it says', async () => {
    const { dir, server } = await serveOnProject(cleanups, { 'answers/lookup.yaml': RESULT_A_NUMBER });
    const file = join(dir, 'answers', 'lookup.yaml');
    await server.waitFor(new RegExp(`^${escape(heading('lookup.yaml'))}\\n${RESULT_WARNING.source.slice(1)}`, 'm'));
    expect((await callAction(server.baseUrl, 'lookup')).body).toBe('{"result":5,"error":""}');

    writeFileSync(file, STATUS_500);
    await server.waitFor(new RegExp(`^${escape(heading('lookup.yaml'))}\\n${STATUS_WARNING.source.slice(1)}`, 'm'));
    expect((await callAction(server.baseUrl, 'lookup')).status).toBe(500);

    // Fixed: said as any change is, and no warning comes back.
    writeFileSync(file, answerFile('found'));
    await server.waitFor(/^Project: answers\/lookup\.yaml was changed: lookup now answers with its mock\.$/m);
    expect(server.output().split(heading('lookup.yaml'))).toHaveLength(3);
  });

  it('is warned of by mocks list and mocks get under what they print, in the same words, exit 0', async () => {
    const { root, data, server } = await serveOnProject(cleanups, {
      'answers/lookup.yaml': RESULT_A_NUMBER,
      'answers/other.yaml': answerFile('other'),
    });
    const [served] = await server.waitFor(new RegExp(`^${escape(heading('lookup.yaml'))}\\n.+\\n`, 'm'));
    const run = (...args: string[]) => runCli([...args, '--data-dir', data.path], {}, { cwd: root.path });

    const listed = await run('mocks', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^lookup .+\nother .+\n$/);
    expect(listed.stderr).toContain(served);

    const got = await run('mocks', 'get', 'lookup');
    expect(got.code).toBe(0);
    expect(got.stdout).toContain('result: 5');
    expect(got.stderr).toBe(served);
    // Its own file's warnings only.
    expect((await run('mocks', 'get', 'other')).stderr).toBe('');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
