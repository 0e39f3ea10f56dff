/// <reference lib="dom" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { startHandler } from '../helpers/handler-process';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';
import { runCli, type ServeProcess } from '../helpers/spawn-cli';
import { screenshot } from './browser';
import { installCutShort, type CutShortWindow } from './cut-short';

// The list's Signature and Action columns say in a word why a call is what it is: each word must
// be whole at the sizes people run the page at. An audit found them cut with room to spare:
// "not Flowent: body too la…" at 1600 px, "unsigne…" beside "handler" and "old", "5 …" for a
// body whose action_name is a number, "replay create_tic…" at 1440 px.
const KEY = 'e2e-signature-column-key';
let page: Page;
let rows: () => Locator;

const post = (server: ServeProcess, path: string, body: string, init: RequestInit = {}) =>
  fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, ...init });

serveForwardingToHandler(
  startHandler,
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (server) => {
      const dataDir = /History: +(.+)\/history\.sqlite/.exec(server.output())![1]!;
      const old = Math.floor(Date.now() / 1000) - 600;
      // #1: Flowent's registration check, unsigned and ten minutes old, which the handler rejects
      // as a bad signature: the verdict beside the handler's mark (and the timestamp's, which the
      // list leaves out).
      await post(
        server,
        '/actions/refuses_signatures',
        JSON.stringify(flowentPayload('refuses_signatures', {}, { timestamp: old, test: true })),
      );
      // #2: a body over the limit; #3: the wrong method: the longest reasons a request is not Flowent's.
      await post(server, '/actions/send_email', 'x'.repeat(1024 * 1024 + 10));
      await fetch(`${server.baseUrl}/actions/send_email`, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } });
      // #4: an action_name that is not a name.
      await post(server, '/actions/send_email', signedBody({ ...flowentPayload('send_email'), action_name: 5 }, KEY));
      // #5, #6: a long action name, and its replay with the replay's tag beside it.
      await post(server, '/actions/create_ticket', signedBody(flowentPayload('create_ticket'), KEY));
      const replay = await runCli(['replay', '5', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
      if (replay.code !== 0) throw new Error(`replay failed: ${replay.stdout}${replay.stderr}`);
      // #7: a signature written in uppercase hex, which the handler (that checks none) accepted: why it is invalid, in a word or two.
      const signed = JSON.parse(signedBody(flowentPayload('send_email'), KEY)) as { signature: string };
      await post(server, '/actions/send_email', JSON.stringify({ ...signed, signature: signed.signature.toUpperCase() }));
    },
  }),
  (served) => ({ page, rows } = served),
);

/**
 * Each visible badge in the Signature column, and each name in the Action column (with `names`),
 * drawn shorter than its words.
 */
async function cutWords(names: boolean): Promise<string[]> {
  await installCutShort(page);
  return page.evaluate((names) => {
    const { cutShort } = window as unknown as CutShortWindow;
    return Array.from(document.querySelectorAll('[role="listbox"][aria-label="Calls"] [role="option"]')).flatMap((row) => {
      const id = row.getAttribute('data-call-id');
      // A body's action_name goes under the name the call is listed under: each of their parts whole on its line.
      const action = names
        ? Array.from(row.querySelectorAll('.col-action > :not(.sent-action), .sent-action > .listed-as, .sent-as > *'))
        : [];
      const parts = [...action, ...Array.from(row.querySelectorAll('.col-verdict > *'))];
      return parts
        .filter((part) => getComputedStyle(part).display !== 'none' && cutShort(part))
        .map((part) => `#${id}: ${part.textContent}`);
    });
  }, names);
}

describe.sequential("the list's Signature and Action columns", () => {
  it('say what the calls are', async () => {
    await expect.poll(() => rows().count()).toBe(7);
    const verdict = (id: number) => page.locator(`[data-call-id="${id}"] .col-verdict`);
    expect(await verdict(1).innerText()).toMatch(/^unsigned test\s+handler$/);
    expect(await verdict(2).innerText()).toBe('body too large');
    expect(await verdict(3).innerText()).toBe('wrong method');
    // As serve prints it: the URL's action, and the body's action_name as sent.
    expect((await page.locator('[data-call-id="4"] .col-action').innerText()).replace(/\s+/g, ' ')).toBe('send_email ← 5 not a name');
    expect(await verdict(7).innerText()).toMatch(/^hex case\s+handler$/);
  });

  for (const width of [1024, 1280, 1440, 1600, 1920]) {
    it(`${width} px wide: every word in them is whole`, async () => {
      await page.setViewportSize({ width, height: 800 });
      await expect.poll(() => rows().count()).toBe(7);
      await screenshot(page, `signature-column-${width}`);
      // A 1024 px window's list (512 px) leaves an action's name 106 px: a long one, or a path, is cut there.
      expect(await cutWords(width >= 1280)).toEqual([]);
    });
  }
});
