/** Shared steps of the Answers dialog's component tests, over a real core. */
import { screen, waitFor, within } from '@testing-library/react';
import { expect } from 'vitest';
import type { Companion } from '../harness/companion';
import { editorIn } from '../harness/editor-kit';
import { renderApp } from '../harness/render';

/**
 * Sends one send_email call (after the `before` calls already sent), renders the page and opens
 * the Answers dialog on its mock editor, once the header counts the calls.
 */
export async function openAnswers(c: Companion, before = 0) {
  await c.send('send_email');
  const bridge = c.bridge;
  const view = renderApp(bridge);
  const calls = before + 1;
  await waitFor(() =>
    expect(screen.getByLabelText('Call counts').textContent).toMatch(new RegExp(`^${calls} call${calls === 1 ? '(?!s)' : 's'}`)),
  );
  await view.user.click(screen.getByRole('button', { name: 'Answers' }));
  const dialog = await screen.findByRole('dialog', { name: 'Answers' });
  const mock = await within(dialog).findByRole('region', { name: 'Mock' });
  await waitFor(() => editorIn(mock));
  return { ...view, bridge, dialog, mock, editor: editorIn(mock) };
}
