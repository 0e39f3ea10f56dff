// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { renderApp, rowOf } from '../harness/render';

// A button's title that names a key promises that key does what the button does: "Bulk
// replay…" named Ctrl/Cmd+Shift+B, which did nothing (the key is r).
const companion = useCompanion();

/** The key a title names at its end, "Mocks and forwarding (a)": a. */
const keyInTitle = (title: string) => /\(([^()]+)\)$/.exec(title)?.[1] ?? null;

/** The dialog open now, by name; null when none is. */
function openDialog(): string | null {
  const dialog = screen.queryByRole('dialog');
  return dialog ? (document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent ?? '') : null;
}

describe("the keys the buttons' titles name", () => {
  it('are keys of the shortcut list, and each does what its button does', async () => {
    const c = companion();
    await c.send('send_email');
    const { user } = renderApp(c.bridge);
    await rowOf(1);

    await user.keyboard('?');
    const listed = within(screen.getByRole('table', { name: 'Shortcuts' }))
      .getAllByRole('rowheader')
      .map((key) => key.textContent);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const titled = [...document.querySelectorAll<HTMLElement>('button[title]')]
      .map((button) => ({ button, key: keyInTitle(button.title) }))
      .filter((b): b is { button: HTMLElement; key: string } => b.key !== null);
    const named = titled.map(({ button, key }) => [button.textContent, key]);
    expect(named).toEqual(
      expect.arrayContaining([
        ['Bulk replay…', 'r'],
        ['Export HAR', 'e'],
        ['Answers', 'a'],
        ['Simulate', 's'],
      ]),
    );
    for (const [, key] of named) expect(listed).toContain(key);

    // Each key opens the dialog its button opens (the export, which opens none, is checked with the HAR tests).
    for (const { button, key } of titled) {
      if (button.textContent === 'Export HAR') continue;
      await user.click(button);
      const byButton = await waitFor(() => openDialog() ?? Promise.reject(new Error(`${button.textContent} opened no dialog`)));
      await user.keyboard('{Escape}');
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      await user.click(document.body);
      await user.keyboard(key);
      await waitFor(() => expect(openDialog(), `the key ${key} of ${button.textContent}`).toBe(byButton));
      await user.keyboard('{Escape}');
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    }
  });
});
