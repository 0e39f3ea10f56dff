// `actions list` and `actions links`, the built command, after a linked action was deleted on
// Flowent by its own admin (DELETE on the Gateway stand-in's REST API): the link is said to be
// gone, with the command that unlinks it, until the action is registered again.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { startCore } from '../helpers/running-core';
import { runCli } from '../helpers/spawn-cli';
import type { FlowentGateway } from '../fixtures/flowent-gateway/gateway';
import { followLines } from '../../main/cli/serve-follow-lines';

const { cleanups, tempDir } = cleanupsPerTest();

/** Deletes the action on Flowent as its admin would: a session of its own and DELETE /actions/<name>. */
async function deleteOnFlowent(gateway: FlowentGateway, name: string): Promise<void> {
  const exchange = await fetch(`${gateway.baseUrl}/token/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_token: 'api_test_token' }),
  });
  const { jwt_token } = (await exchange.json()) as { jwt_token: string };
  const deleted = await fetch(`${gateway.baseUrl}/actions/${name}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${jwt_token}` },
  });
  expect(deleted.status).toBe(200);
}

const GONE =
  'get_weather (default): Flowent no longer has this action; register it again or unlink it ("flowent-companion actions unlink get_weather").\n';

describe('actions list and links, for an action deleted on Flowent', () => {
  it('say the link is gone with the unlink command, until it is registered again', async () => {
    const gateway = await gatewayForOneTest(cleanups);
    const dataDir = tempDir();
    const companion = await startCore({ dataDir });
    cleanups.push(() => companion.core.stop());
    const schema = join(dataDir, 'schema.json');
    writeFileSync(schema, JSON.stringify({ type: 'object', properties: { city: { type: 'string' } } }));
    const env = { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' };
    const actions = (...args: string[]) => runCli(['actions', ...args, '--data-dir', dataDir], env);
    const register = (name: string) =>
      actions('register', name, '--description', `Does ${name}`, '--schema', `@${schema}`, '--url', companion.baseUrl);
    expect((await register('send_email')).code).toBe(0);
    expect((await register('get_weather')).code).toBe(0);
    await deleteOnFlowent(gateway, 'get_weather');

    const url = (name: string) => `${companion.baseUrl}/actions/${name}`;
    expect(await actions('list')).toEqual({
      code: 0,
      stdout: `send_email  ${url('send_email')}  Does send_email\n`,
      stderr: GONE,
    });
    expect(await actions('links')).toEqual({
      code: 0,
      stdout: `send_email  default  ${url('send_email')}\nget_weather  default  ${url('get_weather')}  gone from Flowent\n`,
      stderr: GONE,
    });
    const json = (await actions('links', '--json')).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(json).toMatchObject([{ action: 'send_email' }, { action: 'get_weather', gone: { at: expect.stringMatching(/^\d{4}-/) } }]);
    expect(json[0]).not.toHaveProperty('gone');
    // Run with another profile, the command names the link's own.
    expect((await actions('profile', 'add', 'staging', gateway.baseUrl)).code).toBe(0);
    expect((await actions('links', '--profile', 'staging')).stderr).toBe(GONE.replace('get_weather")', 'get_weather --profile default")'));

    expect((await register('get_weather')).code).toBe(0);
    expect(await actions('links')).toEqual({
      code: 0,
      stdout: `send_email  default  ${url('send_email')}\nget_weather  default  ${url('get_weather')}\n`,
      stderr: '',
    });
    expect((await actions('list')).stderr).toBe('');
  });

  it("serve's line for a change of the public URL that skipped one names the link's profile in the command", () => {
    const change = {
      profile: 'default',
      action: 'get_weather',
      from: 'https://a.test/actions/get_weather',
      to: 'https://b.test/actions/get_weather',
    };
    expect(
      followLines({
        at: 1,
        previous: 'https://a.test',
        current: 'https://b.test',
        mode: 'auto',
        changes: [{ ...change, outcome: 'gone' }],
      }),
    ).toEqual([
      'Flowent: Flowent no longer has get_weather (default): not re-pointed; register it again or unlink it ' +
        '("flowent-companion actions unlink get_weather --profile default").',
    ]);
  });
});
