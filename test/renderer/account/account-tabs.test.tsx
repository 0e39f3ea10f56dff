// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { renderApp } from '../harness/render';

const companion = useCompanion();

// The Account dialog's sections are tabs, as the request body's views are: a TabRow, whose keys
// test/renderer/shared/tab-row.test.tsx covers; here, that the dialog has one and what each tab shows.
describe("the Account dialog's sections", () => {
  it('are a named row of tabs, Account shown first, each showing its section', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(c.bridge.callsTo('getAccount').length).toBeGreaterThan(0));
    await user.click(screen.getByRole('button', { name: 'Account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Flowent account' });
    await within(dialog).findByRole('tabpanel', { name: 'Account' });
    const row = within(dialog).getByRole('tablist', { name: 'Account sections' });
    expect(
      within(row)
        .getAllByRole('tab')
        .map((tab) => tab.textContent),
    ).toEqual(['Account', 'Actions']);
    const shown = () => within(dialog).getByRole('tabpanel').getAttribute('aria-label');
    expect(within(row).getByRole('tab', { selected: true }).textContent).toBe('Account');
    expect(within(dialog).getByRole('region', { name: 'Profiles' })).toBeTruthy();

    await user.click(within(row).getByRole('tab', { name: 'Actions' }));
    expect(shown()).toBe('Actions');
    expect(within(row).getByRole('tab', { selected: true }).textContent).toBe('Actions');
    expect(within(dialog).queryByRole('region', { name: 'Profiles' })).toBeNull();
    await user.click(within(row).getByRole('tab', { name: 'Account' }));
    expect(shown()).toBe('Account');
    expect(within(dialog).getByRole('region', { name: 'Profiles' })).toBeTruthy();
  });
});
