// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { openCall } from '../harness/render';

const companion = useCompanion();

// The body's views are tabs (a screen reader says "tab, 1 of 4"): one Tab stop, the chosen view,
// and the arrow keys move between them and show each, as the tabs pattern has it everywhere.
describe("the request body's views by the keyboard", () => {
  it('are one Tab stop; ← → move and show the view, wrapping; Home and End go to the ends', async () => {
    const c = companion();
    await c.send('send_email', { to: 'ada@example.com' });
    const { pane, user } = await openCall(c.bridge, 1);
    const request = within(pane).getByRole('region', { name: 'Request' });
    const tab = (name: string) => within(request).getByRole('tab', { name });
    const chosen = () => within(request).getByRole('tab', { selected: true }).textContent;
    const tabStops = () =>
      within(request)
        .getAllByRole('tab')
        .filter((t) => t.tabIndex === 0)
        .map((t) => t.textContent);

    expect(tabStops()).toEqual(['Pretty']);
    tab('Pretty').focus();
    await user.keyboard('{ArrowRight}');
    expect(chosen()).toBe('Raw');
    expect(document.activeElement).toBe(tab('Raw'));
    expect(within(request).getByLabelText('Raw request body')).toBeTruthy();
    expect(tabStops()).toEqual(['Raw']);
    await user.keyboard('{End}');
    expect(chosen()).toBe('Base64');
    await user.keyboard('{ArrowRight}');
    expect(chosen()).toBe('Pretty');
    await user.keyboard('{ArrowLeft}');
    expect(chosen()).toBe('Base64');
    expect(document.activeElement).toBe(tab('Base64'));
    await user.keyboard('{Home}');
    expect(chosen()).toBe('Pretty');
    expect(document.activeElement).toBe(tab('Pretty'));
  });
});
