// `calls <id>` shows a call's credential headers as [redacted], as the HAR export writes them,
// and never prints a signature the call did not carry: for a call whose signature is wrong,
// each style's expected HMAC is a valid signature for a body anyone chose.
import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { runCli, startServe } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { flowentPayload } from '../helpers/flowent-signer';

const { cleanups, tempDir } = cleanupsPerTest();
const KEY = 'calls-credentials-key';

it('calls <id> and --json show credential headers as [redacted], say so once, and leave out the signatures that did not match', async () => {
  const dir = tempDir();
  const serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dir], { FLOWENT_HMAC_KEY: KEY });
  cleanups.push(async () => {
    serve.child.kill('SIGTERM');
    await serve.exited;
  });
  const payload = flowentPayload('send_email', { recipient: 'a@example.com' });
  // What the companion computes for this body with its key: a signature it would take.
  const valid = createHmac('sha256', KEY).update(JSON.stringify(payload)).digest('hex');
  const answer = await fetch(`${serve.baseUrl}/actions/send_email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer S3CRET-BEARER', 'x-api-key': 'S3CRET-KEY', cookie: 'id=S3CRET' },
    body: JSON.stringify({ ...payload, signature: '0'.repeat(64) }),
  });
  await answer.arrayBuffer();
  await serve.waitFor(/send_email {2}INVALID/);

  const inFull = await runCli(['calls', '1', '--data-dir', dir]);
  expect(inFull.code, inFull.stderr).toBe(0);
  expect(inFull.stdout).toMatch(/^ {2}authorization: \[redacted\]$/m);
  expect(inFull.stdout).toMatch(/^ {2}x-api-key: \[redacted\]$/m);
  expect(inFull.stdout).toMatch(/^ {2}cookie: \[redacted\]$/m);
  expect(inFull.stdout).toMatch(/^ {2}content-type: application\/json$/m);
  expect(inFull.stdout.split('\n').filter((line) => line.includes('the inspector shows their values'))).toEqual([
    'Credentials (Authorization, Cookie, API keys...) are shown as [redacted]; the inspector shows their values.',
  ]);
  expect(inFull.stdout).toMatch(/^ {2}no match {2}python /m);

  const json = await runCli(['calls', '1', '--json', '--data-dir', dir]);
  const record = JSON.parse(json.stdout) as { requestHeaders: [string, string][]; signature: { styles: Record<string, unknown>[] } };
  expect(record.requestHeaders).toContainEqual(['authorization', '[redacted]']);
  expect(record.requestHeaders).toContainEqual(['cookie', '[redacted]']);
  expect(record.signature.styles.length).toBeGreaterThan(1);
  for (const style of record.signature.styles) {
    expect(style.matched).toBe(false);
    expect(style).not.toHaveProperty('expected');
  }
  for (const run of [inFull, json]) {
    expect(run.stdout).not.toContain('S3CRET');
    expect(run.stdout).not.toContain(valid);
  }
});

it('calls <id> adds no note when no header was redacted, and --json keeps the expected signature of the style that matched', async () => {
  const dir = tempDir();
  const serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dir], { FLOWENT_HMAC_KEY: KEY });
  cleanups.push(async () => {
    serve.child.kill('SIGTERM');
    await serve.exited;
  });
  const payload = flowentPayload('send_email');
  const signature = createHmac('sha256', KEY).update(JSON.stringify(payload)).digest('hex');
  const answer = await fetch(`${serve.baseUrl}/actions/send_email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...payload, signature }),
  });
  await answer.arrayBuffer();
  await serve.waitFor(/send_email {2}valid/);
  const inFull = await runCli(['calls', '1', '--data-dir', dir]);
  expect(inFull.stdout).not.toContain('[redacted]');
  const json = await runCli(['calls', '1', '--json', '--data-dir', dir]);
  const record = JSON.parse(json.stdout) as { signature: { styles: { style: string; matched: boolean; expected?: string }[] } };
  expect(record.signature.styles.find((style) => style.style === 'python')).toMatchObject({ matched: true, expected: signature });
});
