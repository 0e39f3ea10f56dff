// A teammate's clone: an answer file from git forwards to a URL whose password it holds as ***, and
// this history folder keeps none for it, so serve forwards nothing (502, said in its Answers line).
// The Answers dialog said "your handler (http://user:***@...)", as if calls reached it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServeProcess } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';

let server: ServeProcess;
let page: Page;
let pageErrors: string[];
const root = makeTempDir('fc-e2e-left-out-');
const TARGET = 'http://user:***@127.0.0.1:9/actions/{action_name}';

beforeAll(() => {
  mkdirSync(join(root.path, 'flowent', 'answers'), { recursive: true });
  writeFileSync(join(root.path, 'flowent', 'answers', 'lookup_order.yaml'), `version: 1\nmode: forward\nforward: ${TARGET}\n`);
});
afterAll(() => root.remove());

serveInspectorForFile(
  () => ({ args: ['--project', root.path] }),
  (served) => ({ server, page, pageErrors } = served),
);

it('the Answers dialog says a *** target with no password kept here forwards nothing, and what to do', async () => {
  const answered = await fetch(`${server.baseUrl}/actions/lookup_order`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action_name: 'lookup_order', parameters: {}, timestamp: Math.floor(Date.now() / 1000) }),
  });
  expect(answered.status).toBe(502);

  await page.getByRole('button', { name: 'Answers', exact: true }).click();
  const table = page.getByRole('dialog', { name: 'Answers' }).getByRole('table', { name: 'What answers each action' });
  const row = table.getByRole('row').filter({ hasText: 'lookup_order' });
  await expect
    .poll(() => row.textContent())
    .toContain(
      `nothing is forwarded: ${TARGET} has *** for its password, and this history folder keeps none for that URL; ` +
        'save the target here with its password',
    );
  await screenshot(page, 'answers-password-left-out');
  expect(pageErrors).toEqual([]);
});
