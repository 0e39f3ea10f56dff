// @vitest-environment happy-dom
// A replay or a simulated call read from another companion's export keeps its source, and its row's
// tag says it was imported, in the words `calls` marks its line with: it was not sent from here.
import type { Har } from '../../../main/core/replay/har-export';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, valueOf } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { renderApp, rowIds } from '../harness/render';

const companion = useCompanion();
const handler = useHandler();

describe("the row tag of a call imported from another companion's export", () => {
  it('says imported replay and imported simulated, with why, where the calls sent here say replay and simulated', async () => {
    const c = companion();
    await c.send('send_email');
    valueOf(await c.api.replayCall(1, 'as-is', handlerUrl(handler(), 'ok')));
    valueOf(
      await c.api.simulateCall({ action: 'send_email', parameters: '{}', seed: 1, test: false, target: handlerUrl(handler(), 'ok') }),
    );
    const exported = JSON.parse(valueOf(await c.core.api.exportHar({ ids: [2, 3] })).text!) as Har;
    // A millisecond after the originals: the same call at the same time would be left out as imported before.
    for (const entry of exported.log.entries) entry.startedDateTime = new Date(Date.parse(entry.startedDateTime) + 1).toISOString();
    valueOf(await c.api.importHar(JSON.stringify(exported)));
    renderApp(c.bridge);
    await waitFor(() => expect(rowIds()).toHaveLength(5));
    const tags = Object.fromEntries(
      within(screen.getByRole('listbox', { name: 'Calls' }))
        .queryAllByRole('option')
        .map((row) => {
          const tag = row.querySelector('[data-testid="source-tag"]');
          return [row.getAttribute('data-call-id'), tag && [tag.textContent, tag.getAttribute('data-source'), tag.getAttribute('title')]];
        }),
    );
    expect(tags['2']).toEqual(['replay', 'replay', expect.stringContaining('sent by this companion')]);
    expect(tags['3']).toEqual(['simulated', 'simulator', expect.stringContaining('made up by the simulator')]);
    expect(tags['4']).toEqual([
      'imported replay',
      'replay',
      expect.stringMatching(/^A replay another companion sent, read from its HAR export: /),
    ]);
    expect(tags['5']).toEqual([
      'imported simulated',
      'simulator',
      expect.stringMatching(/^A call another companion's simulator made up, read from/),
    ]);
  });
});
