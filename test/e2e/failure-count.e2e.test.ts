import type { Har } from '../../main/core/replay/har-export';
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { handlerUrl, useHandler } from '../helpers/handler-process';
import type { ServeProcess } from '../helpers/spawn-cli';

// The header's failure count, in Chromium on a real `serve`: what the page counts as calls
// arrive must be what it reads after a reload, with and without an HMAC key, and replays,
// simulated and imported calls never raise it.
const KEY = 'failure-count-key';
const handler = useHandler();
let server: ServeProcess;
let page: Page;
let pageErrors: string[];
let rows: () => Locator;

// Started without a key: the first-run state.
serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: '' } }),
  (served) => ({ server, page, pageErrors, rows } = served),
);

const counts = () => page.locator('[aria-label="Call counts"]');

/** Waits until the header shows `calls` calls, then says how many failures it shows. */
async function headerAfter(calls: number): Promise<string> {
  await expect.poll(() => counts().textContent()).toContain(`${calls} calls`);
  return (await page.getByTestId('failure-count').textContent()) ?? '';
}

/** The same header, read by a fresh page load instead of live events. */
async function headerAfterReload(calls: number): Promise<string> {
  await page.reload();
  return headerAfter(calls);
}

function post(body: string, action = 'send_email'): Promise<Response> {
  return fetch(`${server.baseUrl}/actions/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

/** A contract method through the inspector's API, as the page calls it. */
async function inspectorApi<T>(method: string, args: unknown[]): Promise<T> {
  const url = new URL(server.inspectorUrl!);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  const response = await fetch(`${url.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const reply = (await response.json()) as { ok: boolean; value: T };
  expect(reply.ok, `${method}: ${JSON.stringify(reply)}`).toBe(true);
  return reply.value;
}

/** A contract method that answers a Result, unwrapped: the test needs it to succeed. */
async function inspectorResult<T>(method: string, args: unknown[]): Promise<T> {
  const result = await inspectorApi<{ ok: boolean; value: T }>(method, args);
  expect(result.ok, `${method}: ${JSON.stringify(result)}`).toBe(true);
  return result.value;
}

it('counts the same failures live and after a reload, with and without a key, and never counts replays', async () => {
  await page.getByRole('region', { name: 'No calls yet' }).waitFor();

  // No key: a signed call cannot be checked (no-key), which is not a failure; a body that is
  // not JSON and an unsigned call are.
  expect((await post(signedBody(flowentPayload('send_email', { n: 1 }), KEY))).status).toBe(200);
  expect((await post('{"action_name": "send_email", "parameters": ')).status).toBe(400);
  expect((await post(JSON.stringify(flowentPayload('send_email', { n: 2 })))).status).toBe(200);
  expect((await post(signedBody(flowentPayload('send_email', { n: 3 }), KEY))).status).toBe(200);
  expect(await headerAfter(4)).toBe('2 failures');
  expect(await headerAfterReload(4)).toBe('2 failures');

  // With the key: a valid call is fine, a call signed with another key is not.
  await inspectorResult('setHmacKey', [KEY]);
  expect((await post(signedBody(flowentPayload('send_email', { n: 4 }), KEY))).status).toBe(200);
  expect((await post(signedBody(flowentPayload('send_email', { n: 5 }), 'another-key'))).status).toBe(200);
  expect(await headerAfter(6)).toBe('3 failures');
  expect(await headerAfterReload(6)).toBe('3 failures');

  // Replays and a simulated call answered 500, and an imported copy of the badly signed call:
  // all failed by the rule, all listed and counted as calls, marked, never counted as failures.
  const broken = handlerUrl(handler(), 'error500');
  const newestPage = await inspectorApi<{ calls: { id: number; verdict: string }[] }>('listCalls', [{ limit: 1 }]);
  expect(newestPage.calls[0]?.verdict).toBe('invalid');
  const newest = newestPage.calls[0]!.id;
  const replayed = await inspectorResult<{ status: number }>('replayCall', [newest, 'as-is', broken]);
  expect(replayed.status).toBe(500);
  await inspectorResult('replayCall', [newest, 'resign', broken]);
  await inspectorResult('simulateCall', [{ action: 'send_email', parameters: '{"n":6}', seed: 1, test: false, target: broken }]);
  const har = JSON.parse((await inspectorResult<{ text: string }>('exportHar', [{ ids: [newest] }])).text) as Har;
  // A millisecond later: the same call at the same time would be left out as imported before.
  for (const entry of har.log.entries) entry.startedDateTime = new Date(Date.parse(entry.startedDateTime) + 1).toISOString();
  const imported = await inspectorResult<{ ids: number[] }>('importHar', [JSON.stringify(har)]);
  expect(imported.ids).toHaveLength(1);
  expect(await headerAfter(10)).toBe('3 failures');
  // The list is in arrival order: the imported copy keeps (about) its original's time, so it sits below
  // the replays and the simulated call made after that original.
  await expect
    .poll(() => rows().locator('[data-testid="source-tag"]').allTextContents())
    .toEqual(['simulated', 'replay', 'replay', 'imported']);
  await screenshot(page, 'failure-count-with-replays');
  expect(await headerAfterReload(10)).toBe('3 failures');
  expect(await page.getByTestId('failure-count').getAttribute('title')).toMatch(/Replays, simulated and imported calls are never counted/);

  // The count lists what it counts: Flowent's own failures, none of the replays that failed.
  await page.getByTestId('failure-count').click();
  await expect.poll(() => rows().count()).toBe(3);
  expect(await page.getByRole('checkbox', { name: 'Failures only' }).isChecked()).toBe(true);
  expect(await rows().locator('[data-testid="source-tag"]').count()).toBe(0);
  await page.getByTestId('failure-count').click();
  await expect.poll(() => rows().count()).toBe(10);

  // The list shows Flowent's calls alone when asked.
  await page.getByRole('combobox', { name: 'Source' }).selectOption('flowent');
  await expect.poll(() => rows().count()).toBe(6);
  expect(pageErrors).toEqual([]);
}, 120_000);
