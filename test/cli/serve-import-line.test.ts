import { expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { startServe } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

const entry = (method: string, body: string | null) => ({
  startedDateTime: '2026-01-01T00:00:00.000Z',
  request: {
    method,
    url: 'http://127.0.0.1:8787/actions/send_email',
    headers: [{ name: 'content-type', value: 'application/json' }],
    ...(body === null ? {} : { postData: { mimeType: 'application/json', text: body } }),
  },
  response: { status: 200, headers: [], content: { text: '{"result":"ok","error":""}' } },
});

it('serve says in one line what a HAR import from the inspector stored, not a line per imported call', async () => {
  const dir = tempDir();
  const server = await startServe(['--port', '0', '--data-dir', dir]);
  cleanups.push(() => void server.child.kill('SIGKILL'));
  const page = new URL(server.inspectorUrl!);
  const bodies = [1, 2, 3].map((n) => signedBody(flowentPayload('send_email', { n }), 'any-key'));
  const har = { log: { version: '1.2', entries: [...bodies.map((body) => entry('POST', body)), entry('GET', null), { request: null }] } };

  const importHar = async () =>
    (
      await fetch(`${page.origin}/api/import-har`, {
        method: 'POST',
        headers: { authorization: `Bearer ${page.hash.replace('#token=', '')}`, 'content-type': 'application/json' },
        body: JSON.stringify(har),
      })
    ).json();
  expect(await importHar()).toMatchObject({
    ok: true,
    value: { ok: true, value: { imported: 3, skipped: 1, problems: [{ path: 'log.entries[4].request' }] } },
  });

  await server.waitFor(
    /Imported 3 calls from a HAR file \(5 entries read\); skipped 2: 1 not a POST with a body, 1 broken\. List them with: calls --source import/,
  );
  // The same file again: its calls are held already, and the line says so, as import's does.
  expect(await importHar()).toMatchObject({ ok: true, value: { ok: true, value: { imported: 0, duplicates: 3 } } });
  await server.waitFor(
    /Imported 0 calls from a HAR file \(5 entries read\); skipped 2: 1 not a POST with a body, 1 broken; left out 3 already in the history \(same path, body and time received: imported before\)\. List them with: calls --source import/,
  );
  // A call that arrives afterwards still gets its line: only imported calls are summed up.
  const posted = await fetch(`${server.baseUrl}/actions/send_email`, {
    method: 'POST',
    body: bodies[0],
    headers: { 'content-type': 'application/json' },
  });
  expect(posted.status).toBe(200);
  await server.waitFor(/send_email .*200/);
  expect(server.output()).not.toContain('[imported]');
});
