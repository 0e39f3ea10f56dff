// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { openCall } from '../harness/render';

const companion = useCompanion();

// The body's views are tabs (a screen reader says "tab, 1 of 4"): a TabRow, whose keys
// test/renderer/shared/tab-row.test.tsx covers; here, that the body has one and what each tab shows.
describe("the request body's views", () => {
  it('are a named row of tabs, Pretty shown first, each showing its view of the body', async () => {
    const c = companion();
    await c.send('send_email', { to: 'ada@example.com' });
    const { pane, user } = await openCall(c.bridge, 1);
    const request = within(pane).getByRole('region', { name: 'Request' });
    const row = within(request).getByRole('tablist', { name: 'Request body view' });
    expect(
      within(row)
        .getAllByRole('tab')
        .map((tab) => tab.textContent),
    ).toEqual(['Pretty', 'Raw', 'Hex', 'Base64']);
    const panel = () => within(request).getByRole('tabpanel');
    expect(within(row).getByRole('tab', { selected: true }).textContent).toBe('Pretty');
    expect(within(panel()).getByLabelText('Request body').textContent).toContain('ada@example.com');

    const views = [
      ['Raw', 'Raw request body'],
      ['Hex', 'Request body bytes (hex)'],
      ['Base64', 'Request body bytes (base64)'],
    ] as const;
    for (const [tab, view] of views) {
      await user.click(within(row).getByRole('tab', { name: tab }));
      expect(within(row).getByRole('tab', { selected: true }).textContent).toBe(tab);
      expect(within(panel()).getByLabelText(view)).toBeTruthy();
      expect(within(panel()).queryByLabelText('Request body')).toBeNull();
    }
    expect(within(panel()).getByLabelText('Request body bytes (base64)').textContent).toBe((await c.api.getCall(1))!.requestBodyBase64);
  });
});
