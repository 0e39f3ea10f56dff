// The browser's HAR export: the inspector answers with the file itself as the body, its figures in
// headers, so the page hands the bytes to the download without parsing them out of a JSON reply.
import { afterEach, expect, it } from 'vitest';
import { HAR_DOWNLOAD_HEADERS } from '../../../main/contract/api';
import type { InspectorServer } from '../../../main/transports/inspector/inspector-server';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { startInspectorFor } from '../../helpers/inspector';
import { coresClosedAfterEach } from '../../helpers/running-core';

const TOKEN = 'd'.repeat(40);
const startCore = coresClosedAfterEach();
let inspector: InspectorServer | null = null;

afterEach(async () => {
  await inspector?.stop();
  inspector = null;
});

async function inspectorOverCalls(count: number) {
  const running = await startCore({ key: 'k' });
  for (let i = 0; i < count; i++) await running.post('/actions/lookup_order', signedBody(flowentPayload('lookup_order', { i }), 'k'));
  const started = await startInspectorFor(running, TOKEN);
  inspector = started.inspector;
  const exportHar = (body: string, token = TOKEN) =>
    fetch(`http://127.0.0.1:${started.port}/api/export-har`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
  return { running, exportHar };
}

it('answers with the HAR itself, the count and the match in headers, byte for byte the API’s text', async () => {
  const { running, exportHar } = await inspectorOverCalls(3);
  const answer = await exportHar(JSON.stringify([{ filter: {}, limit: 2 }]));
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(answer.headers.get('cache-control')).toBe('no-store');
  expect(answer.headers.get(HAR_DOWNLOAD_HEADERS.count)).toBe('2');
  expect(answer.headers.get(HAR_DOWNLOAD_HEADERS.matched)).toBe('3');
  const body = await answer.text();
  const har = JSON.parse(body) as { log: { entries: { _callId: number }[] } };
  expect(har.log.entries.map((entry) => entry._callId)).toEqual([2, 3]);
  const fromApi = await running.core.api.exportHar({ filter: {}, limit: 2 });
  expect(fromApi.ok && fromApi.value.text).toBe(body);
});

it('answers a refusal and wrong arguments as the API does, in JSON without the figures', async () => {
  const { exportHar } = await inspectorOverCalls(0);
  const nothing = await exportHar(JSON.stringify([{ filter: {} }]));
  expect(nothing.headers.get(HAR_DOWNLOAD_HEADERS.count)).toBeNull();
  expect(await nothing.json()).toEqual({ ok: true, value: { ok: false, code: 'nothing-to-export' } });

  const wrong = await exportHar(JSON.stringify([{ filter: {}, limit: 'all' }]));
  expect(wrong.status).toBe(400);
  expect(await wrong.json()).toMatchObject({ ok: false, code: 'invalid-arguments' });

  const notJson = await exportHar('[{');
  expect(notJson.status).toBe(400);
  expect(await notJson.json()).toMatchObject({ ok: false, code: 'bad-json' });
});

it('refuses a missing or wrong token before reading anything', async () => {
  const { exportHar } = await inspectorOverCalls(1);
  const refused = await exportHar(JSON.stringify([{ filter: {} }]), 'w'.repeat(40));
  expect(refused.status).toBe(401);
  expect(refused.headers.get(HAR_DOWNLOAD_HEADERS.count)).toBeNull();
  expect(await refused.json()).toMatchObject({ ok: false, code: 'token' });
});
