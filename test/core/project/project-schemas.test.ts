import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

const ACTION = `version: 1
description: Send an email
json_schema:
  type: object
  required: [recipient]
  properties:
    recipient: {type: string, format: email}
webhook_url: here
`;

async function callId(companion: RunningCore, action: string, parameters: Record<string, unknown>): Promise<number> {
  await companion.post(`/actions/${action}`, JSON.stringify({ action_name: action, parameters, timestamp: Math.floor(Date.now() / 1000) }));
  const { calls } = await companion.core.api.listCalls({});
  return calls[0]?.id ?? 0;
}

describe('calls checked against the project’s schemas', () => {
  it('checks parameters against the action file, before Flowent has the schema, and follows edits', async () => {
    const dir = join(tempDir('fc-project-'), 'flowent');
    mkdirSync(join(dir, 'actions'), { recursive: true });
    writeFileSync(join(dir, 'actions', 'send_email.yaml'), ACTION);
    const companion = await startCore({ projectDir: dir });
    cleanups.push(() => companion.close());

    const bad = await companion.core.api.checkParameters(await callId(companion, 'send_email', { recipient: 'not an address' }));
    expect(bad).toMatchObject({
      ok: true,
      value: {
        status: 'checked',
        schema: { from: 'project', file: 'actions/send_email.yaml' },
        problems: [{ path: 'parameters.recipient', keyword: 'format', message: 'parameters.recipient is not a valid email.' }],
      },
    });
    const good = await companion.core.api.checkParameters(await callId(companion, 'send_email', { recipient: 'a@example.com' }));
    expect(good).toMatchObject({ ok: true, value: { status: 'checked', problems: [] } });

    // The file is read at each check: a saved change applies to the next one.
    writeFileSync(join(dir, 'actions', 'send_email.yaml'), ACTION.replace('required: [recipient]', 'required: [recipient, subject]'));
    const edited = await companion.core.api.checkParameters(await callId(companion, 'send_email', { recipient: 'a@example.com' }));
    expect(edited).toMatchObject({ ok: true, value: { problems: [{ path: 'parameters.subject', keyword: 'required' }] } });

    // An action without a file falls back to Flowent's cached copy (none here, and no account to fetch it with).
    const other = await companion.core.api.checkParameters(await callId(companion, 'lookup_order', {}));
    expect(other).toEqual({ ok: true, value: { status: 'no-schema', problems: [], flowentAccount: false, listedAt: null } });
  });

  it('gives the simulator the same schema first: the project’s file, before one defined in the simulator', async () => {
    const dir = join(tempDir('fc-project-'), 'flowent');
    mkdirSync(join(dir, 'actions'), { recursive: true });
    writeFileSync(join(dir, 'actions', 'send_email.yaml'), ACTION);
    const companion = await startCore({ projectDir: dir });
    cleanups.push(() => companion.close());
    const api = companion.core.api;
    expect((await api.saveSimulatorAction('send_email', JSON.stringify({ type: 'object' }))).ok).toBe(true);

    expect((await api.listSimulatorActions()).find((entry) => entry.action === 'send_email')).toMatchObject({ origin: 'project' });
    const parameters = { recipient: 'not an address' };
    const inSimulator = await api.checkSimulatedParameters('send_email', JSON.stringify(parameters));
    expect(inSimulator).toMatchObject({ ok: true, value: [{ path: 'parameters.recipient', keyword: 'format' }] });
    const inDetails = await api.checkParameters(await callId(companion, 'send_email', parameters));
    expect(inDetails).toMatchObject({ ok: true, value: { schema: { from: 'project' }, problems: [{ path: 'parameters.recipient' }] } });
    // Parameters generated for a simulated call meet the project's schema.
    const generated = await api.generateParameters('send_email', 1);
    expect(generated.ok && JSON.parse(generated.value)).toHaveProperty('recipient');
  });
});
