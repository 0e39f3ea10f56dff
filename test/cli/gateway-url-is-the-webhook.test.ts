// A Gateway URL that names this companion's webhook (the header's Webhook base URL, taken for the
// Gateway's): the token exchange reaches the webhook with the API token in its body. The command
// is told why nothing answers it, and the token is not kept in the history, its listing or an export.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runCli, startServe } from '../helpers/spawn-cli';

const { cleanups, tempDir } = cleanupsPerTest();
const TOKEN = 'api_token_that_must_not_stay_0123456789';

it('actions list says the Gateway URL is this companion, and the token stays out of the history', async () => {
  const dataDir = tempDir();
  const serve = await startServe(['--port', '0', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: 'k' });
  const stop = async () => {
    if (serve.child.exitCode === null) serve.child.kill('SIGTERM');
    await serve.exited;
  };
  cleanups.push(stop);
  const listed = await runCli(['actions', 'list', '--data-dir', tempDir()], {
    FLOWENT_BASE_URL: `${serve.baseUrl}/`,
    FLOWENT_API_TOKEN: TOKEN,
  });
  expect(listed.code).toBe(1);
  expect(listed.stderr).toContain(
    "is a request for Flowent's Gateway (its token exchange), sent to Flowent Companion's webhook: the Gateway URL it was sent to is this companion, not Flowent's Gateway.",
  );
  expect(listed.stdout + listed.stderr).not.toContain(TOKEN);

  const shown = await runCli(['calls', '--json', '--data-dir', dataDir]);
  const [record] = shown.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: number; status: number });
  expect(record?.status).toBe(404);
  const detail = await runCli(['calls', String(record!.id), '--json', '--data-dir', dataDir]);
  const call = JSON.parse(detail.stdout) as { requestBody: string; problemMessage: string };
  expect(JSON.parse(call.requestBody)).toEqual({ api_token: '[redacted]' });
  expect(call.problemMessage).toContain('The values of its secret fields were not stored.');
  const har = await runCli(['export', '--har', '-', '--all', '--data-dir', dataDir]);
  expect(har.code, har.stderr).toBe(0);
  expect(har.stdout).not.toContain(TOKEN);
  await stop();
  for (const file of readdirSync(dataDir).filter((name) => name.startsWith('history.sqlite'))) {
    expect(readFileSync(join(dataDir, file)).includes(TOKEN), file).toBe(false);
  }
});
