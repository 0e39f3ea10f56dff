// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { deletedWords, linkedWords, registeredWords, unlinkedWords, updatedWords } from '../../../main/contract/words';
import { useCompanion, valueOf } from '../harness/companion';
import { editorIn, typeInto } from '../harness/editor-kit';
import { API_TOKEN, gatewayOptions, useGateway } from '../harness/gateway';
import { renderApp } from '../harness/render';

// The Account tab's toasts say each change to an action in the words the command line prints
// it in (main/contract/words/action-change-words.ts), without the URL the command line adds.

/** Past the form's 250 ms pause in typing, with room for a loaded machine. */
const SLOW = { timeout: 3000 };

const gateway = useGateway();
const companion = useCompanion(() => gatewayOptions(gateway()));

/** The page's changes are in the active profile: said without naming it. */
const inUse = (action: string) => ({ action, profile: 'default', implied: 'default' });

describe('the Account tab’s toasts', () => {
  it('say register, link, unlink, update and delete in the command line’s words', async () => {
    const c = companion();
    valueOf(await c.api.setFlowentApiToken('default', API_TOKEN));
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(c.bridge.callsTo('getAccount').length).toBeGreaterThan(0));
    await user.click(screen.getByRole('button', { name: 'Account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Flowent account' });
    await user.click(within(dialog).getByRole('tab', { name: 'Actions' }));

    await user.click(await within(dialog).findByRole('button', { name: 'Register an action…' }));
    const form = within(dialog).getByRole('form', { name: 'Register an action' });
    await waitFor(() => editorIn(form));
    await user.type(within(form).getByLabelText('Name'), 'send_email');
    await user.type(within(form).getByLabelText('Description'), 'Sends an email');
    // At this companion, which answers Flowent's registration check.
    await user.type(within(form).getByLabelText('Webhook URL'), `${c.baseUrl}/actions/send_email`);
    typeInto(editorIn(form), '{"type": "object"}');
    await waitFor(() => expect(within(form).queryAllByRole('alert')).toHaveLength(0), SLOW);
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    await screen.findByText('Registered send_email');
    expect(registeredWords(inUse('send_email'))).toBe('Registered send_email');

    await user.click(within(await within(dialog).findByTestId('action-row-send_email')).getByRole('button', { name: 'send_email' }));
    const view = within(dialog).getByRole('region', { name: 'Action send_email' });
    await user.click(within(view).getByRole('button', { name: 'Link to this companion' }));
    await screen.findByText('Linked send_email: it follows the public URL', {}, SLOW);
    expect(linkedWords(inUse('send_email'))).toBe('Linked send_email: it follows the public URL');

    await user.click(await within(view).findByRole('button', { name: 'Unlink' }));
    await screen.findByText('Unlinked send_email: it no longer follows the public URL', {}, SLOW);
    expect(unlinkedWords(inUse('send_email'))).toBe('Unlinked send_email: it no longer follows the public URL');

    await user.click(within(view).getByRole('button', { name: 'Edit' }));
    const edit = within(dialog).getByRole('form', { name: 'Edit send_email' });
    await user.type(within(edit).getByLabelText('Description'), ' today');
    await user.click(within(edit).getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Updated send_email', {}, SLOW);
    expect(updatedWords(inUse('send_email'))).toBe('Updated send_email');

    const after = await within(dialog).findByRole('region', { name: 'Action send_email' });
    await user.click(within(after).getByRole('button', { name: 'Delete…' }));
    await user.click(within(after).getByRole('button', { name: 'Delete send_email from Flowent' }));
    await screen.findByText('Deleted send_email', {}, SLOW);
    expect(deletedWords(inUse('send_email'))).toBe('Deleted send_email');
    expect(gateway().stored()).toEqual([]);
  });
});
