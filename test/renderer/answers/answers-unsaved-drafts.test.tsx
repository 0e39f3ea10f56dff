// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { editorIn, typeInto } from '../harness/editor-kit';
import { openAnswers } from './answers-kit';

const companion = useCompanion();

describe('answers: unsaved mock edits on every way out of the editor', () => {
  const DRAFT = '{"status": 201, "body": {"result": "my careful draft", "error": ""}}';

  /** The dialog on send_email with DRAFT typed in its mock, over a history that knows charge_card too. */
  async function draftOnSendEmail() {
    const c = companion();
    await c.send('charge_card');
    const view = await openAnswers(c, 1);
    await view.user.click(within(table(view.dialog)).getByRole('button', { name: 'send_email' }));
    await waitFor(() => expect(picker(view.dialog).value).toBe('send_email'));
    typeInto(editorIn(mockOf(view.dialog)), DRAFT);
    return view;
  }
  const table = (dialog: HTMLElement) => within(dialog).getByRole('table', { name: 'What answers each action' });
  const picker = (dialog: HTMLElement) => within(dialog).getByRole('combobox', { name: 'Answers for' }) as HTMLSelectElement;
  const mockOf = (dialog: HTMLElement) => within(dialog).getByRole('region', { name: 'Mock' });
  const editorText = async (dialog: HTMLElement) => {
    await waitFor(() => editorIn(mockOf(dialog)));
    return editorIn(mockOf(dialog)).state.doc.toString();
  };

  it('clicking another action keeps the draft, marks the row (no toast over the editor), and gives it back on return', async () => {
    const { dialog, user } = await draftOnSendEmail();
    await user.click(within(table(dialog)).getByRole('button', { name: 'charge_card' }));
    await waitFor(() => expect(picker(dialog).value).toBe('charge_card'));
    expect(await editorText(dialog)).not.toContain('my careful draft');
    expect(document.querySelectorAll('.toast')).toHaveLength(0);
    expect(within(table(dialog)).getByRole('row', { name: /^send_email/ }).textContent).toContain('unsaved');
    expect(within(table(dialog)).getByRole('row', { name: /^charge_card/ }).textContent).not.toContain('unsaved');

    await user.click(within(table(dialog)).getByRole('button', { name: 'send_email' }));
    await waitFor(() => expect(picker(dialog).value).toBe('send_email'));
    expect(await editorText(dialog)).toBe(DRAFT);
    // Still unsaved: Esc still asks, naming it.
    await user.keyboard('{Escape}');
    expect(within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' }).textContent).toContain(
      'the mock of send_email',
    );
    expect(screen.getByRole('dialog', { name: 'Answers' })).toBeTruthy();
  });

  it('choosing another action in "Answers for" keeps the draft, and Esc from there asks about it', async () => {
    const { dialog, user } = await draftOnSendEmail();
    await user.selectOptions(picker(dialog), 'charge_card');
    await waitFor(() => expect(picker(dialog).value).toBe('charge_card'));
    await user.keyboard('{Escape}');
    expect(within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' }).textContent).toContain(
      'the mock of send_email',
    );
    expect(screen.getByRole('dialog', { name: 'Answers' })).toBeTruthy();
    await user.selectOptions(picker(dialog), 'send_email');
    expect(await editorText(dialog)).toBe(DRAFT);
  });

  it('two drafts and Esc: one question in place, no toasts stacked over the editor', async () => {
    const { dialog, user } = await draftOnSendEmail();
    await user.click(within(table(dialog)).getByRole('button', { name: 'charge_card' }));
    await waitFor(() => expect(picker(dialog).value).toBe('charge_card'));
    typeInto(editorIn(mockOf(dialog)), DRAFT);
    await user.click(within(table(dialog)).getByRole('button', { name: 'send_email' }));
    await waitFor(() => expect(picker(dialog).value).toBe('send_email'));
    await user.keyboard('{Escape}');
    const ask = within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' });
    expect(ask.textContent).toContain('Unsaved changes to the mocks of charge_card and send_email: discard them and close');
    // Esc again does not discard: it takes the question's safe choice, keeping the edits and the dialog.
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByRole('group', { name: 'Confirm discarding unsaved changes' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Answers' })).toBeTruthy();
    expect(document.querySelectorAll('.toast')).toHaveLength(0);
    await user.keyboard('{Escape}');
    const askedAgain = within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' });
    await user.click(within(askedAgain).getByRole('button', { name: 'Discard and close' }));
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();
  });

  it('saving the draft ends it: the row mark goes, and × closes at once', async () => {
    const { dialog, user } = await draftOnSendEmail();
    await user.click(within(mockOf(dialog)).getByRole('button', { name: 'Save mock' }));
    await screen.findByText('Mock saved');
    expect(within(table(dialog)).getByRole('row', { name: /^send_email/ }).textContent).not.toContain('unsaved');
    await user.click(within(dialog).getByRole('button', { name: 'Close answers' }));
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();
  });

  it('× over a draft asks first, naming it: "Keep editing" keeps it, "Discard and close" drops it', async () => {
    const { dialog, user } = await draftOnSendEmail();
    await user.click(within(table(dialog)).getByRole('button', { name: 'charge_card' }));
    await user.click(within(dialog).getByRole('button', { name: 'Close answers' }));
    const ask = within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' });
    expect(ask.textContent).toContain('Unsaved changes to the mock of send_email: discard them and close, or keep editing and save first?');
    // The safe choice has the focus.
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Keep editing' }));

    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(within(dialog).queryByRole('group', { name: 'Confirm discarding unsaved changes' })).toBeNull();
    // Back on the edited mock, where its Save button is.
    await waitFor(() => expect(picker(dialog).value).toBe('send_email'));
    expect(await editorText(dialog)).toBe(DRAFT);

    await user.click(within(dialog).getByRole('button', { name: 'Close answers' }));
    await user.click(within(dialog).getByRole('button', { name: 'Discard and close' }));
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();
    expect((await companion().api.getAnswerSettings()).mocks).toEqual([]);
  });
});
