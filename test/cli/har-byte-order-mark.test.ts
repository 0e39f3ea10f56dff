import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { handlerAndFolderPerTest } from '../helpers/handler-process';
import { runCli, startServe } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const { cleanups, handlerAndFolder } = handlerAndFolderPerTest();
const KEY = 'bom-key';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

it('a body starting with a byte order mark keeps it through export and import, and is replayed byte for byte', async () => {
  const { handler, dir } = await handlerAndFolder();
  const imported = makeTempDir();
  cleanups.push(imported.remove);
  const body = Buffer.concat([BOM, Buffer.from(signedBody(flowentPayload('ok'), KEY))]);
  const serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dir.path], { FLOWENT_HMAC_KEY: KEY });
  await fetch(`${serve.baseUrl}/actions/ok`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  serve.child.kill('SIGTERM');
  await serve.exited;

  const har = join(imported.path, 'calls.har');
  expect((await runCli(['export', '--har', har, '--data-dir', dir.path])).code).toBe(0);
  const entry = (JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: { request: { postData: { text: string } } }[] } }).log
    .entries[0]!;
  // The file says the mark is there (a reader of postData.text gets the same bytes back as UTF-8).
  expect(Buffer.from(entry.request.postData.text, 'utf8')).toEqual(body);
  expect((await runCli(['import', har, '--data-dir', imported.path], { FLOWENT_HMAC_KEY: KEY })).code).toBe(0);
  // Stored as the original was: same size, same verdict, and the same note on the mark.
  const only = async (dataDir: string) => {
    const listed = await runCli(['calls', '--json', '--data-dir', dataDir]);
    const { size, verdict, problem } = JSON.parse(listed.stdout) as { size: number; verdict: string; problem: string | null };
    return { size, verdict, problem };
  };
  const original = await only(dir.path);
  expect(original.size).toBe(body.length);
  expect(await only(imported.path)).toEqual(original);

  const replay = await runCli(['replay', '1', '--target', `http://127.0.0.1:${handler.port}/actions/ok`, '--data-dir', imported.path]);
  expect(replay.code, replay.stderr).toBe(0);
  expect(replay.stdout).not.toContain('note:');
  const [sent] = await handler.received();
  expect(sent!.body).toEqual(body);

  // The page's import (the file's bytes uploaded to the inspector) reads the mark back too.
  const viaPage = makeTempDir();
  cleanups.push(viaPage.remove);
  const pageServe = await startServe(['--port', '0', '--inspector-port', '0', '--data-dir', viaPage.path]);
  const page = new URL(pageServe.inspectorUrl!);
  const uploaded = await fetch(`${page.origin}/api/import-har`, {
    method: 'POST',
    headers: { authorization: `Bearer ${page.hash.replace('#token=', '')}`, 'content-type': 'application/json' },
    body: readFileSync(har),
  });
  expect(await uploaded.json()).toMatchObject({ ok: true, value: { ok: true, value: { imported: 1 } } });
  pageServe.child.kill('SIGTERM');
  await pageServe.exited;
  expect(await only(viaPage.path)).toEqual(original);
});
