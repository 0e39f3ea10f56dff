// `calls --action <name>` for an action with no calls, in a history that holds other actions'
// calls, names those actions (a mistyped name is the likely cause), rather than telling a
// person whose serve stores calls to start one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { flowentEntry, harText } from '../helpers/flowent-har';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const KEY = { FLOWENT_HMAC_KEY: 'k' };
let folder: { path: string; remove: () => void };

/** `count` calls to `action`, as a browser's HAR holds them. */
function entries(action: string, count: number, from: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, n) => {
    const entry = flowentEntry(from + n, 'k');
    const request = entry.request as Record<string, unknown>;
    const body = signedBody(flowentPayload(action, { n }), 'k');
    return {
      ...entry,
      request: { ...request, url: `http://127.0.0.1:8787/actions/${action}`, postData: { mimeType: 'application/json', text: body } },
    };
  });
}

/** A history holding `counts` calls of each action. */
async function historyOf(counts: Record<string, number>): Promise<string> {
  const dir = join(folder.path, Object.keys(counts).join('-').slice(0, 40));
  mkdirSync(dir);
  let from = 0;
  const all = Object.entries(counts).flatMap(([action, count]) => entries(action, count, (from += 100)));
  const har = `${dir}.har`;
  writeFileSync(har, harText(all));
  const imported = await runCli(['import', har, '--data-dir', dir], KEY);
  expect(imported.code, imported.stderr).toBe(0);
  return dir;
}

beforeAll(() => {
  folder = makeTempDir();
});
afterAll(() => folder.remove());

it('names the actions that have calls, most calls first, instead of telling to start serve', async () => {
  const dir = await historyOf({ send_email: 3, create_ticket: 5 });
  const run = await runCli(['calls', '--action', 'send_emial', '--data-dir', dir]);
  expect(run.stderr).toBe(
    `No calls of action send_emial are stored in ${join(dir, 'history.sqlite')}. ` +
      "Actions with calls: create_ticket (5), send_email (3). Check the action's name.\n",
  );
  expect(run.stdout).toBe('');
  expect(run.code).toBe(0);
  // The action has calls, none of them matching: the filter's own words, as before.
  const narrowed = await runCli(['calls', '--action', 'send_email', '--status', '5xx', '--data-dir', dir]);
  expect(narrowed.stderr).toBe(`No calls stored in ${join(dir, 'history.sqlite')} for action send_email answered 5xx.\n`);
});

it('names ten actions and counts the rest', async () => {
  const actions = Object.fromEntries(Array.from({ length: 12 }, (_, n) => [`action_${String(n).padStart(2, '0')}`, 12 - n]));
  const dir = await historyOf(actions);
  const run = await runCli(['calls', '--action', 'nope', '--data-dir', dir]);
  const named = Object.entries(actions)
    .slice(0, 10)
    .map(([action, count]) => `${action} (${count})`);
  expect(run.stderr).toContain(`Actions with calls: ${named.join(', ')}, and 2 others. Check the action's name.\n`);
});
