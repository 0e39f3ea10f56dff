// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { valueOf } from '../harness/companion';
import { openActions, SLOW, useActionsCompanion } from './actions-setup';

const { companion, actionInput, withActions } = useActionsCompanion();

// Link and Unlink take each other's place once done: the keyboard must stay on the one now there.
describe('actions: the keyboard focus through Link and Unlink', () => {
  it('stays on the button that took the pressed one’s place', async () => {
    const c = await withActions(companion());
    valueOf(await c.api.registerAction(actionInput('send_email', { webhook_url: `${c.baseUrl}/actions/send_email` })));
    const { dialog, user } = await openActions(c);
    await user.click(within(await within(dialog).findByTestId('action-row-send_email')).getByRole('button', { name: 'send_email' }));
    const view = within(dialog).getByRole('region', { name: 'Action send_email' });
    within(view).getByRole('button', { name: 'Link to this companion' }).focus();
    await user.keyboard('{Enter}');
    const unlink = await within(view).findByRole('button', { name: 'Unlink' }, SLOW);
    await waitFor(() => expect(document.activeElement).toBe(unlink));
    await user.keyboard('{Enter}');
    const link = await within(view).findByRole('button', { name: 'Link to this companion' }, SLOW);
    await waitFor(() => expect(document.activeElement).toBe(link));
    expect((await c.api.getAccount()).links).toEqual([]);
  });
});

// An action's view goes away under the keyboard (back to the list, or the action deleted): the focus must not go with it.
describe('actions: the keyboard focus leaving an action', () => {
  it('goes back to its row, asks before deleting with Keep it focused, and lands on the list after the delete', async () => {
    const c = await withActions(companion(), ['send_email', 'create_ticket']);
    const { dialog, user } = await openActions(c);
    const openByKeyboard = async () => {
      (await within(dialog).findByRole('button', { name: 'send_email' })).focus();
      await user.keyboard('{Enter}');
      return within(dialog).getByRole('region', { name: 'Action send_email' });
    };
    let view = await openByKeyboard();
    within(view).getByRole('button', { name: '← All actions' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'send_email' })));

    view = await openByKeyboard();
    within(view).getByRole('button', { name: 'Delete…' }).focus();
    await user.keyboard('{Enter}');
    const question = within(view).getByRole('group', { name: 'Confirm deleting the action' });
    await waitFor(() => expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep it' })));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(within(view).getByRole('button', { name: 'Delete…' })));

    await user.keyboard('{Enter}');
    within(view).getByRole('button', { name: 'Delete send_email from Flowent' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(dialog).queryByRole('region', { name: 'Action send_email' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Register an action…' })));
    expect(c.bridge.callsTo('deleteAction')).toEqual([['send_email']]);
  });
});

// The Edit form takes the place of the action's view: going there and back by keyboard, the
// focus must land in what is shown, not on the page's body.
describe('actions: the keyboard focus through the Edit form', () => {
  it('goes to the first field it can change, and back to Edit after Cancel and after Save', async () => {
    const c = await withActions(companion(), ['send_email']);
    const { dialog, user } = await openActions(c);
    (await within(dialog).findByRole('button', { name: 'send_email' })).focus();
    await user.keyboard('{Enter}');
    const view = within(dialog).getByRole('region', { name: 'Action send_email' });
    await waitFor(() => expect(document.activeElement).toBe(within(view).getByRole('button', { name: '← All actions' })));

    const openEdit = async () => {
      within(dialog).getByRole('button', { name: 'Edit' }).focus();
      await user.keyboard('{Enter}');
      const form = within(dialog).getByRole('form', { name: 'Edit send_email' });
      // The name cannot change: the keyboard starts on the description.
      await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('Description')));
      return form;
    };
    let form = await openEdit();
    within(form).getByRole('button', { name: 'Cancel' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Edit' })));

    form = await openEdit();
    await user.keyboard(' again');
    within(form).getByRole('button', { name: 'Save changes' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(dialog).queryByRole('form', { name: 'Edit send_email' })).toBeNull(), SLOW);
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Edit' })));
    expect(c.bridge.callsTo('updateAction')[0]?.[1]).toMatchObject({ description: 'Does send_email again' });
  });
});
