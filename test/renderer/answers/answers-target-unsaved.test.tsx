// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { openAnswers } from './answers-kit';

const companion = useCompanion();

/** The Answers dialog on send_email, over a history of one call. */
async function openOnSendEmail() {
  const view = await openAnswers(companion());
  await view.user.selectOptions(within(view.dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
  const route = within(view.dialog).getByRole('region', { name: 'Answer mode' });
  return { ...view, route };
}

// A target URL typed and not saved is unsaved work, as a mock's edits are: Esc asks before it goes.
describe('answers: an unsaved forward target', () => {
  it('Esc over a typed target asks first, naming it; once saved, one Esc closes', async () => {
    const { dialog, route, user } = await openOnSendEmail();
    await user.click(within(route).getByLabelText('Forward target URL'));
    await user.paste('http://localhost:8000/actions/{action_name}');
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Answers' })).toBeTruthy();
    expect(within(dialog).getByRole('group', { name: /^Confirm discarding/ }).textContent).toContain(
      'Unsaved changes to the forward target URL of send_email: discard them and close',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    await user.click(within(route).getByRole('button', { name: 'Save target' }));
    await screen.findByText('Forward target saved');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();
  });

  it('names the target beside an edited mock, and a field typed back to the saved target is nothing unsaved', async () => {
    const { dialog, route, user } = await openOnSendEmail();
    const field = within(route).getByLabelText('Forward target URL');
    await user.type(field, 'http://x');
    await user.click(within(within(dialog).getByRole('region', { name: 'Mock' })).getByRole('button', { name: 'Insert example' }));
    await user.click(within(dialog).getByRole('button', { name: 'Close answers' }));
    expect(within(dialog).getByRole('group', { name: /^Confirm discarding/ }).textContent).toContain(
      'Unsaved changes to the mock of send_email and the forward target URL of send_email:',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Discard and close' }));
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();

    // Opened again: cleared back to empty, the target field holds nothing unsaved.
    await user.click(screen.getByRole('button', { name: 'Answers' }));
    const again = await screen.findByRole('dialog', { name: 'Answers' });
    await user.selectOptions(within(again).getByRole('combobox', { name: 'Answers for' }), 'send_email');
    const target = within(within(again).getByRole('region', { name: 'Answer mode' })).getByLabelText('Forward target URL');
    await user.type(target, 'h');
    await user.clear(target);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();
  });

  it('keeps a typed target while another action is shown, and finds it as typed on the way back', async () => {
    const { dialog, route, user } = await openOnSendEmail();
    await user.type(within(route).getByLabelText('Forward target URL'), 'http://localhost:9000/x');
    const picker = within(dialog).getByRole('combobox', { name: 'Answers for' });
    await user.selectOptions(picker, 'Default for all actions');
    // Another action shown: the typed target is still unsaved work, named for its action.
    await user.click(within(dialog).getByRole('button', { name: 'Close answers' }));
    expect(within(dialog).getByRole('group', { name: /^Confirm discarding/ }).textContent).toContain(
      'Unsaved changes to the forward target URL of send_email:',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    await user.selectOptions(picker, 'send_email');
    const back = within(within(dialog).getByRole('region', { name: 'Answer mode' })).getByLabelText(
      'Forward target URL',
    ) as HTMLInputElement;
    expect(back.value).toBe('http://localhost:9000/x');
  });
});
