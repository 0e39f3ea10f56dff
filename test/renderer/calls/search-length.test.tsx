// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useUiStore } from '../../../renderer/src/page/stores';
import { useCompanion } from '../harness/companion';
import { renderApp, rowIds } from '../harness/render';

const companion = useCompanion();

// The core takes a search of at most 1,000 characters. A longer one was sent, refused twice
// (the list and the counts), and said in two banners in the API's method names that stayed
// after the search was shortened, over an empty list.
describe('a search longer than the core takes', () => {
  it('is held to 1,000 characters in the box, says so beside it, and the list goes on searching', async () => {
    const c = companion();
    await c.send('send_email', { note: 'a'.repeat(1200) });
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(rowIds()).toEqual(['1']));
    const box = screen.getByRole('searchbox', { name: 'Search request bodies' }) as HTMLInputElement;
    await user.click(box);
    await user.paste('a'.repeat(1500));
    expect(box.value).toHaveLength(1000);
    const note = within(screen.getByRole('search')).getByRole('status', { name: 'Search length' });
    expect(note.textContent).toBe(
      'A search takes at most 1,000 characters: the rest was left out. To find a longer text, search for a part of it.',
    );
    expect(box.getAttribute('aria-describedby')).toBe(note.id);
    await waitFor(() => expect(c.bridge.callsTo('listCalls').at(-1)?.[0]).toMatchObject({ text: 'a'.repeat(1000) }));
    await waitFor(() => expect(rowIds()).toEqual(['1']));
    expect(useUiStore.getState().errors).toEqual([]);

    await user.keyboard('{Backspace}');
    expect(within(screen.getByRole('search')).queryByRole('status', { name: 'Search length' })).toBeNull();
    expect(box.hasAttribute('aria-describedby')).toBe(false);
  });
});
