import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallSummary } from '../../../main/contract/api';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';

// While flowent/ is gone (a branch switch, say), its answers keep answering in their last
// version: so do its actions, and the checks of calls' parameters against their schemas.

const { cleanups, tempDir } = cleanupsPerTest();

/** send_email's action file: `recipient` an email, and the fields `required` names required. */
function sendEmailAction(required: string[]): string {
  return `version: 1
description: Send an email
json_schema:
  type: object
  required: [${required.join(', ')}]
  properties:
    recipient: {type: string, format: email}
    subject: {type: string}
webhook_url: here
`;
}

function projectFolder(root: string, required: string[]): string {
  const dir = join(root, 'flowent');
  mkdirSync(join(dir, 'actions'), { recursive: true });
  mkdirSync(join(dir, 'answers'));
  writeFileSync(join(dir, 'actions', 'send_email.yaml'), sendEmailAction(required));
  writeFileSync(join(dir, 'answers', '_default.yaml'), 'version: 1\nbody: {result: "ok", error: ""}\n');
  return dir;
}

/** Sends a call of send_email with `parameters` to the core's webhook, and gives what its parameters break. */
async function parameterProblems(companion: RunningCore, parameters: Record<string, unknown>): Promise<string[] | string> {
  const before = companion.events.length;
  const sent = await companion.post(
    '/actions/send_email',
    JSON.stringify({ action_name: 'send_email', parameters, timestamp: Math.floor(Date.now() / 1000) }),
  );
  expect(sent.status).toBe(200);
  const storedNow = () => companion.events.slice(before).find((event) => event.type === 'call-stored') as { call: CallSummary } | undefined;
  await expect.poll(storedNow).toBeDefined();
  const stored = storedNow()!;
  const checked = await companion.core.api.checkParameters(stored.call.id);
  if (!checked.ok) return checked.code;
  return checked.value.status === 'checked' ? checked.value.problems.map((problem) => problem.message) : checked.value.status;
}

/** What the simulator says of send_email's parameters: the schema it checks against is the project's. */
async function simulatorProblems(companion: RunningCore, parameters: Record<string, unknown>): Promise<string[]> {
  const checked = await companion.core.api.checkSimulatedParameters('send_email', JSON.stringify(parameters));
  expect(checked.ok).toBe(true);
  return checked.ok ? checked.value.map((problem) => problem.message) : [];
}

const NOT_AN_EMAIL = 'parameters.recipient is not a valid email.';

describe("a project's actions while its folder is gone", () => {
  it('keep checking parameters against their last version, and are read again when the folder is back', async () => {
    const root = tempDir('fc-project-');
    const dir = projectFolder(root, ['recipient']);
    const companion = await startCore({ projectDir: dir });
    cleanups.push(() => companion.close());
    expect(await parameterProblems(companion, { recipient: 'ada' })).toEqual([NOT_AN_EMAIL]);

    rmSync(dir, { recursive: true });
    expect(await parameterProblems(companion, { recipient: 'ada' })).toEqual([NOT_AN_EMAIL]);
    expect(await simulatorProblems(companion, { recipient: 'ada' })).toEqual([NOT_AN_EMAIL]);
    expect((await companion.core.api.listSimulatorActions()).find((one) => one.action === 'send_email')?.origin).toBe('project');
    await expect
      .poll(() => companion.core.api.getProject().then((project) => project.problems.map((p) => p.warning)))
      .toEqual(['folder-removed']);
    // The project's state names them, as it names the answer files still answering.
    expect((await companion.core.api.getProject()).actions).toEqual(['actions/send_email.yaml']);

    // Back, changed as the other branch has it: its schema now requires a subject too.
    renameSync(projectFolder(tempDir('fc-other-branch-'), ['recipient', 'subject']), dir);
    const missingSubject = await parameterProblems(companion, { recipient: 'ada@example.com' });
    expect(missingSubject).toHaveLength(1);
    expect(missingSubject[0]).toMatch(/subject/);
    expect(await simulatorProblems(companion, { recipient: 'ada@example.com' })).toEqual(missingSubject);
  });

  it('keep the files removed just before the folder, as a branch switch removes them one by one', async () => {
    const dir = projectFolder(tempDir('fc-project-'), ['recipient']);
    const companion = await startCore({ projectDir: dir });
    cleanups.push(() => companion.close());
    expect(await simulatorProblems(companion, { recipient: 'ada' })).toEqual([NOT_AN_EMAIL]);

    // A call read between the file's removal and the folder's sees only the file go.
    rmSync(join(dir, 'actions', 'send_email.yaml'));
    expect(await simulatorProblems(companion, { recipient: 'ada' })).toEqual([]);
    rmSync(dir, { recursive: true });
    expect(await simulatorProblems(companion, { recipient: 'ada' })).toEqual([NOT_AN_EMAIL]);
  });

  it('are not kept when only actions/ is removed: that is an edit of the project', async () => {
    const dir = projectFolder(tempDir('fc-project-'), ['recipient']);
    const companion = await startCore({ projectDir: dir });
    cleanups.push(() => companion.close());
    expect(await parameterProblems(companion, { recipient: 'ada' })).toEqual([NOT_AN_EMAIL]);
    rmSync(join(dir, 'actions'), { recursive: true });
    expect(await parameterProblems(companion, { recipient: 'ada' })).toEqual('no-schema');
  });
});
