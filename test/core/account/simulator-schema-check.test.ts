import { describe, expect, it } from 'vitest';
import { parameterWhy } from '../../../main/cli/call-why';
import { coresClosedAfterEach, type RunningCore } from '../../helpers/running-core';
import { EMAIL_SCHEMA, PARAMETERS_BREAKING_IT } from '../../fixtures/email-schema';

const startCore = coresClosedAfterEach();

async function callOf(companion: RunningCore, action: string, parameters: Record<string, unknown>): Promise<number> {
  await companion.post(`/actions/${action}`, JSON.stringify({ action_name: action, parameters, timestamp: Math.floor(Date.now() / 1000) }));
  const { calls } = await companion.core.api.listCalls({});
  return calls[0]?.id ?? 0;
}

describe('a schema defined in the simulator checks the calls of its action', () => {
  it('when Flowent has no schema for the action, its calls are checked against the simulator’s, which is named', async () => {
    const companion = await startCore();
    expect((await companion.core.api.saveSimulatorAction('send_email', JSON.stringify(EMAIL_SCHEMA))).ok).toBe(true);
    const id = await callOf(companion, 'send_email', PARAMETERS_BREAKING_IT);

    const checked = await companion.core.api.checkParameters(id);
    expect(checked).toMatchObject({ ok: true, value: { status: 'checked', schema: { from: 'simulator' } } });
    expect(checked.ok && checked.value.problems.map((problem) => problem.keyword).sort()).toEqual(['format', 'maxLength', 'maximum']);
    // The command line's parameters line (send, serve in a project) comes from the same check.
    expect(await parameterWhy(companion.core.api, id, 'send_email')).toMatch(
      /^parameters\.recipient is not a valid email\. .*\(checked against the schema defined in the simulator for send_email\)$/,
    );
  });

  it('an action with no schema anywhere and no Flowent account says so: listing the actions cannot help', async () => {
    const companion = await startCore();
    const id = await callOf(companion, 'lookup_order', {});
    expect(await companion.core.api.checkParameters(id)).toEqual({
      ok: true,
      value: { status: 'no-schema', problems: [], flowentAccount: false, listedAt: null },
    });
  });
});
