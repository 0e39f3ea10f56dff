// `replay --target` sends the calls' headers as stored, their Authorization and Cookie too, to
// whatever URL is typed: it now says so in one line, naming the headers, never their values.
import { expect, it } from 'vitest';
import { handlerAndFolderPerTest, rawHeader } from '../helpers/handler-process';
import { runCli, startServe } from '../helpers/spawn-cli';

const { handlerAndFolder } = handlerAndFolderPerTest();

async function storeCalls(dataDir: string, headerSets: Record<string, string>[]) {
  const serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir]);
  for (const headers of headerSets)
    await fetch(`${serve.baseUrl}/actions/ok`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ action_name: 'ok', parameters: {}, timestamp: Math.floor(Date.now() / 1000) }),
    });
  serve.child.kill('SIGTERM');
  await serve.exited;
}

it("names the calls' own credential headers a replay to a typed target carried, once, without their values", async () => {
  const { handler, dir } = await handlerAndFolder();
  const credentials = { authorization: 'Bearer callerBEARERsecret99', cookie: 'session=cookieSECRET1', 'x-api-key': 'keySECRET2' };
  await storeCalls(dir.path, [credentials, { ...credentials, 'x-kept': 'yes' }, { 'x-kept': 'yes' }]);

  const both = await runCli(['replay', '1', '2', '--target', handler.target, '--data-dir', dir.path]);
  expect(both.code).toBe(0);
  const [first] = await handler.received();
  expect(rawHeader(first!.headers, 'authorization')).toEqual([credentials.authorization]);
  const notes = both.stderr.split('\n').filter((line) => line.startsWith('Note:'));
  expect(notes).toEqual([
    `Note: the replays to ${handler.target} carried the calls' own authorization, cookie and x-api-key headers, as stored with them; replay to a URL you trust with them.`,
  ]);
  expect(both.stdout + both.stderr).not.toMatch(/callerBEARERsecret99|cookieSECRET1|keySECRET2/);

  // A target with its own user:password sends its own Authorization in place of the call's.
  const withOwn = handler.target.replace('http://', 'http://deploy:targetPW@');
  const own = await runCli(['replay', '1', '--target', withOwn, '--data-dir', dir.path]);
  expect(own.stderr).toContain(
    `Note: the replays to ${handler.target.replace('http://', 'http://deploy:***@')} carried the calls' own cookie and x-api-key headers,`,
  );
  expect(own.stdout + own.stderr).not.toContain('targetPW');

  const without = await runCli(['replay', '3', '--target', handler.target, '--data-dir', dir.path]);
  expect(without.code).toBe(0);
  expect(without.stderr).not.toContain('Note:');
});
