// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { renderApp } from '../harness/render';

const companion = useCompanion();

// The Account dialog's sections are tabs, as the request body's views are: one Tab stop, the
// section shown, and the arrow keys move between them and show each.
describe("the Account dialog's sections by the keyboard", () => {
  it('are one Tab stop; ← → move and show the section, wrapping; Home and End go to the ends', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(c.bridge.callsTo('getAccount').length).toBeGreaterThan(0));
    await user.click(screen.getByRole('button', { name: 'Account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Flowent account' });
    await within(dialog).findByRole('tabpanel', { name: 'Account' });
    const tab = (name: string) => within(dialog).getByRole('tab', { name });
    const shown = () => within(dialog).getByRole('tabpanel').getAttribute('aria-label');
    const tabStops = () =>
      within(dialog)
        .getAllByRole('tab')
        .filter((t) => t.tabIndex === 0)
        .map((t) => t.textContent);

    expect(tabStops()).toEqual(['Account']);
    tab('Account').focus();
    await user.keyboard('{ArrowRight}');
    expect(tab('Actions').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('Actions'));
    expect(shown()).toBe('Actions');
    expect(tabStops()).toEqual(['Actions']);
    await user.keyboard('{ArrowRight}');
    expect(shown()).toBe('Account');
    expect(document.activeElement).toBe(tab('Account'));
    await user.keyboard('{ArrowLeft}');
    expect(shown()).toBe('Actions');
    await user.keyboard('{Home}');
    expect(shown()).toBe('Account');
    expect(document.activeElement).toBe(tab('Account'));
    await user.keyboard('{End}');
    expect(shown()).toBe('Actions');
    expect(document.activeElement).toBe(tab('Actions'));
  });
});
