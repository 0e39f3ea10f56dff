// A Gateway URL with a query string or a fragment is refused where one with credentials is:
// the Gateway's paths are appended to it, and after "?token=…" they became part of the query
// (`POST /x?token=…/token/exchange`), so the request went to the URL's own path.
import { expect, it } from 'vitest';
import { FlowentGateway } from '../fixtures/flowent-gateway/gateway';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

async function gateway(): Promise<FlowentGateway> {
  const started = new FlowentGateway();
  await started.start();
  cleanups.push(() => started.stop());
  return started;
}

it.each([
  ['a query string', '?token=qsTOKEN', 'query string', '?'],
  ['a fragment', '#section', 'fragment', '#'],
])(
  'FLOWENT_BASE_URL with %s is refused before anything is sent (exit 2), by actions list and profile list alike, saying what to remove',
  async (_what, extra, named, mark) => {
    const dataDir = tempDir();
    const stand = await gateway();
    const env = { FLOWENT_BASE_URL: `${stand.baseUrl}${extra}`, FLOWENT_API_TOKEN: 'api_test_token' };
    const listed = await runCli(['actions', 'list', '--data-dir', dataDir], env);
    expect(listed.code).toBe(2);
    expect(listed.stderr).toContain(
      `FLOWENT_BASE_URL is "${stand.baseUrl}${extra}": a Gateway URL takes no ${named} (the Gateway's paths are added after it), so nothing was sent.`,
    );
    expect(listed.stderr).toContain(`Remove the part from "${mark}" on: ${stand.baseUrl}.`);
    expect(stand.exchanges).toBe(0);
    expect(stand.requests).toEqual([]);

    const profiles = await runCli(['actions', 'profile', 'list', '--data-dir', dataDir], env);
    expect(profiles).toMatchObject({ code: 2, stderr: listed.stderr });
  },
);

it('actions profile add refuses a Gateway URL with a query string (exit 2) and saves nothing', async () => {
  const dataDir = tempDir();
  const { baseUrl } = await gateway();
  const added = await runCli(['actions', 'profile', 'add', 'staging', `${baseUrl}?`, '--data-dir', dataDir]);
  expect(added.code).toBe(2);
  expect(added.stderr).toContain(
    `"${baseUrl}?": a Gateway URL takes no query string (the Gateway's paths are added after it), so it was not saved.`,
  );
  const listed = await runCli(['actions', 'profile', 'list', '--data-dir', dataDir], { FLOWENT_BASE_URL: '' });
  expect(listed.stdout).not.toContain('staging');
});
