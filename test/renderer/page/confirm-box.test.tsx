// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { setUnsavedWork } from '../../../renderer/src/page/ui-actions';
import { useCompanion } from '../harness/companion';
import { editorIn } from '../harness/editor-kit';
import { openCall, renderApp, settingsButton } from '../harness/render';

// Every question asked in place (ConfirmBox): Esc takes its safe choice and closes only the
// question, and the keyboard goes back to what asked it, whichever way the question goes.
const companion = useCompanion();

const MOCK = '{"status": 200, "body": {"result": "stored", "error": ""}}';

async function openSettings() {
  const c = companion();
  await c.send('send_email');
  const view = renderApp(c.bridge);
  await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'Calls' })).getAllByRole('option')).toHaveLength(1));
  await view.user.click(await settingsButton());
  const dialog = screen.getByRole('dialog', { name: 'Settings' });
  return { ...view, c, dialog, clearHistory: () => within(dialog).getByRole('button', { name: 'Clear history…' }) };
}

/** The Answers dialog (on the default mock, `mock` when given). */
async function openAnswers(mock: string | null = null) {
  const c = companion();
  if (mock !== null) expect((await c.api.setMock(null, mock, 'json')).ok).toBe(true);
  await c.send('send_email');
  const view = renderApp(c.bridge);
  await waitFor(() => expect(screen.getByLabelText('Call counts').textContent).toMatch(/^1 call(?!s)/));
  await view.user.click(screen.getByRole('button', { name: 'Answers' }));
  const dialog = await screen.findByRole('dialog', { name: 'Answers' });
  const mockSection = await within(dialog).findByRole('region', { name: 'Mock' });
  await waitFor(() => editorIn(mockSection));
  return { ...view, c, dialog, mock: mockSection };
}

describe('a question asked in place', () => {
  it('Esc answers "Cancel": Settings stays open and the keyboard is back on the button that asked', async () => {
    const { user, dialog, clearHistory, c } = await openSettings();
    await user.click(clearHistory());
    const ask = within(dialog).getByRole('group', { name: 'Confirm clearing history' });
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
    expect(within(dialog).queryByRole('group', { name: 'Confirm clearing history' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(clearHistory()));
    expect(c.bridge.callsTo('clearHistory')).toEqual([]);
  });

  it('after Cancel or the change itself, the keyboard is on the button that asked, not the page', async () => {
    const { user, dialog, clearHistory } = await openSettings();
    await user.click(clearHistory());
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(clearHistory()));

    await user.click(clearHistory());
    await user.click(within(dialog).getByRole('button', { name: 'Delete all calls' }));
    await screen.findByText('Deleted 1 call');
    await waitFor(() => expect(document.activeElement).toBe(clearHistory()));
  });

  it('Esc on "Clear the mock" keeps the mock and the Answers dialog; the keyboard goes back to Clear mock', async () => {
    const { user, dialog, mock, c } = await openAnswers(MOCK);
    const clear = within(mock).getByRole('button', { name: 'Clear mock' });
    await waitFor(() => expect((clear as HTMLButtonElement).disabled).toBe(false));
    await user.click(clear);
    within(mock).getByRole('group', { name: 'Confirm clearing the mock' });
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Answers' })).toBe(dialog);
    expect(within(mock).queryByRole('group', { name: 'Confirm clearing the mock' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(within(mock).getByRole('button', { name: 'Clear mock' })));
    expect(c.bridge.callsTo('clearMock')).toEqual([]);

    // Cleared, Clear mock cannot be pressed: the keyboard goes to a control near it, still in the mock's section.
    await user.click(within(mock).getByRole('button', { name: 'Clear mock' }));
    await user.click(within(mock).getByRole('button', { name: 'Clear the mock' }));
    await waitFor(() => expect(within(mock).getByTestId('mock-stored').textContent).toContain('No default mock'));
    await waitFor(() => expect(mock.contains(document.activeElement)).toBe(true));
    expect(within(mock).queryByRole('group', { name: 'Confirm clearing the mock' })).toBeNull();
  });

  it('in the call’s details, Esc on "Replace the mock" keeps the mock and gives the keyboard back to the button', async () => {
    const c = companion();
    expect((await c.api.setMock('send_email', MOCK, 'json')).ok).toBe(true);
    await c.send('send_email');
    const { pane, user } = await openCall(c.bridge, 1);
    await user.click(within(pane).getByRole('button', { name: 'Make a mock from this answer' }));
    await within(pane).findByRole('group', { name: 'Confirm replacing the mock' });
    await user.keyboard('{Escape}');
    expect(within(pane).queryByRole('group', { name: 'Confirm replacing the mock' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(within(pane).getByRole('button', { name: 'Make a mock from this answer' })));
    expect(c.bridge.callsTo('mockFromCall')).toEqual([]);
  });
});

describe('the Answers close question', () => {
  it('Esc inside it keeps editing; "Keep editing" gives the keyboard back to where Esc was pressed', async () => {
    const { user, dialog, mock } = await openAnswers();
    const insert = within(mock).getByRole('button', { name: 'Insert example' });
    await user.click(insert);
    await user.keyboard('{Escape}');
    const ask = within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' });
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Keep editing' }));
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByRole('group', { name: 'Confirm discarding unsaved changes' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Answers' })).toBe(dialog);
    await waitFor(() => expect(document.activeElement).toBe(insert));

    await user.keyboard('{Escape}');
    await user.keyboard('{Enter}');
    expect(within(dialog).queryByRole('group', { name: 'Confirm discarding unsaved changes' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(insert));
  });

  it('Esc with the question up and the keyboard elsewhere in the dialog keeps editing too', async () => {
    const { user, dialog, mock } = await openAnswers();
    await user.click(within(mock).getByRole('button', { name: 'Insert example' }));
    await user.click(within(dialog).getByRole('button', { name: 'Close answers' }));
    within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' });
    act(() => within(mock).getByRole('button', { name: 'Insert example' }).focus());
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByRole('group', { name: 'Confirm discarding unsaved changes' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Answers' })).toBe(dialog);
  });
});

describe('Esc over Settings', () => {
  it('asks about unsaved work as the other dialogs do: a warning first, the second Esc closes', async () => {
    const { user } = await openSettings();
    act(() => setUnsavedWork('the history limits'));
    await user.keyboard('{Escape}');
    await screen.findByText('Unsaved changes to the history limits: press Esc again to discard them, or save first.');
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
  });
});
