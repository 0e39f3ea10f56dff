// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, type Companion } from '../harness/companion';
import { editorIn, typeInto } from '../harness/editor-kit';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { renderLoaded } from './replay-kit';

// The simulator's result as a reader and a keyboard user meet it: a heading that takes the
// focus, a handler's failure said once, nothing offered to copy when nothing came back.
const companion = useCompanion();
const handler = useHandler();

async function openSimulator(c: Companion) {
  await c.send('send_email', { recipient: 'a@example.com' });
  await c.api.saveSimulatorAction('send_email', JSON.stringify({ type: 'object', properties: { recipient: { type: 'string' } } }));
  const view = await renderLoaded(c);
  await view.user.click(screen.getByRole('button', { name: 'Simulate' }));
  const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
  await waitFor(() => expect(editorIn(dialog).state.doc.toString()).toContain('recipient'));
  return { ...view, dialog };
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('the simulator’s result', () => {
  it('says a handler’s failure once, under a heading, and offers no answer to copy when none came', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    await user.type(within(dialog).getByRole('textbox', { name: 'Simulator target URL' }), handlerUrl(handler(), 'reset'));
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    const result = await within(dialog).findByRole('region', { name: 'Simulator result' });
    expect(within(result).getByRole('heading', { name: 'Simulator result' })).toBeTruthy();
    const [violation] = within(within(result).getByLabelText('Contract check')).getAllByRole('listitem');
    expect(violation!.getAttribute('data-code')).toBe('no-answer');
    expect(occurrences(result.textContent ?? '', violation!.textContent!)).toBe(1);
    // The connection was reset: no body came back, so there is nothing to copy.
    expect(within(result).queryByRole('button', { name: 'Copy the answer' })).toBeNull();
    expect(within(result).getByLabelText('Answer body').textContent).toBe('Nothing came back: no status, headers or body.');
    expect(within(result).getByRole('button', { name: 'Copy the body sent' })).toBeTruthy();
  });
});

describe('the keyboard focus through the simulator', () => {
  it('stays on Send while the call goes, then moves to the result’s heading', async () => {
    const c = companion();
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), '{action_name}'));
    const { dialog, user } = await openSimulator(c);
    const send = within(dialog).getByRole('button', { name: 'Send' });
    const release = c.bridge.holdNext('simulateCall', 'answer');
    send.focus();
    await user.keyboard('{Enter}');
    await within(dialog).findByRole('button', { name: 'Sending…' });
    // Not disabled (a disabled button loses the focus), said unavailable, and a second press sends nothing.
    expect(send.hasAttribute('disabled')).toBe(false);
    expect(send.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(send);
    await user.keyboard('{Enter}');
    release();
    const result = await within(dialog).findByRole('region', { name: 'Simulator result' });
    await waitFor(() => expect(document.activeElement).toBe(within(result).getByRole('heading', { name: 'Simulator result' })));
    expect(c.bridge.callsTo('simulateCall')).toHaveLength(1);
    expect(send.hasAttribute('aria-disabled')).toBe(false);
  });

  it('stays on Send when the call is refused (the refusal is an alert)', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await within(dialog).findByRole('alert', { name: 'Simulator error' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Send' }));
  });

  it('goes back to the schema’s buttons after Save, Cancel or the removal question, and to the parameters after Undo', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    const schema = within(dialog).getByLabelText('Action schema');
    await user.click(within(schema).getByRole('button', { name: 'Edit the schema' }));
    await user.click(within(schema).getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(within(schema).getByRole('button', { name: 'Edit the schema' }));
    await user.click(within(schema).getByRole('button', { name: 'Edit the schema' }));
    await user.click(within(schema).getByRole('button', { name: 'Save the schema' }));
    await waitFor(() => expect(document.activeElement).toBe(within(schema).getByRole('button', { name: 'Edit the schema' })));
    await user.click(within(schema).getByRole('button', { name: 'Remove the schema' }));
    await user.click(
      within(within(schema).getByRole('group', { name: 'Confirm removing the schema' })).getByRole('button', { name: 'Cancel' }),
    );
    expect(document.activeElement).toBe(within(schema).getByRole('button', { name: 'Remove the schema' }));
    await user.click(within(schema).getByRole('button', { name: 'Remove the schema' }));
    await user.click(
      within(within(schema).getByRole('group', { name: 'Confirm removing the schema' })).getByRole('button', { name: 'Remove the schema' }),
    );
    await waitFor(() => expect(document.activeElement).toBe(within(schema).getByRole('button', { name: 'Define a schema here' })));

    typeInto(editorIn(dialog), '{"recipient": "typed@example.com"}');
    await user.click(within(dialog).getByRole('button', { name: 'Next seed' }));
    const note = await within(dialog).findByRole('status', { name: 'Replaced parameters' });
    await user.click(within(note).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(editorIn(dialog).state.doc.toString()).toBe('{"recipient": "typed@example.com"}'));
    expect(editorIn(dialog).hasFocus || editorIn(dialog).contentDOM === document.activeElement).toBe(true);
  });
});
