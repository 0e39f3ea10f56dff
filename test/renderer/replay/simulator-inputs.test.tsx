// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, type Companion } from '../harness/companion';
import { editorIn, typeInto } from '../harness/editor-kit';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { renderLoaded } from './replay-kit';
import { EMAIL_SCHEMA, PARAMETERS_BREAKING_IT } from '../../fixtures/email-schema';

// The simulator's form as its inputs change: what the parameters break of the schema, edits a
// regeneration replaced, errors and results of inputs since changed, the schema's removal.
const companion = useCompanion();
const handler = useHandler();

const BAD = JSON.stringify(PARAMETERS_BREAKING_IT);

async function openSimulator(c: Companion, { forwarded = true } = {}) {
  await c.send('send_email', { recipient: 'a@example.com' });
  await c.api.saveSimulatorAction('send_email', JSON.stringify(EMAIL_SCHEMA));
  if (forwarded) await c.api.setForwardTarget('send_email', handlerUrl(handler(), '{action_name}'));
  const view = await renderLoaded(c);
  await view.user.click(screen.getByRole('button', { name: 'Simulate' }));
  const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
  await waitFor(() => expect(editorIn(dialog).state.doc.toString()).toContain('recipient'));
  return { ...view, dialog };
}

describe('the simulator’s form as its inputs change', () => {
  it('says what the parameters break of the schema before they are sent, and still sends them', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    expect(within(dialog).queryByRole('status', { name: 'Parameters against the schema' })).toBeNull();
    typeInto(editorIn(dialog), BAD);
    const warning = await within(dialog).findByRole('status', { name: 'Parameters against the schema' });
    expect(warning.textContent).toContain('(defined here)');
    expect([...warning.querySelectorAll('li')].map((li) => li.getAttribute('data-keyword')).sort()).toEqual([
      'format',
      'maxLength',
      'maximum',
    ]);
    const send = within(dialog).getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    expect(send.disabled).toBe(false);
    await user.click(send);
    const result = await within(dialog).findByRole('region', { name: 'Simulator result' });
    expect(result.getAttribute('data-stale')).toBeNull();

    // Fixed parameters: the warning goes, and the result shown is said to be of the previous send.
    typeInto(editorIn(dialog), '{"recipient":"a@example.com","subject":"Hi","count":1}');
    await waitFor(() => expect(within(dialog).queryByRole('status', { name: 'Parameters against the schema' })).toBeNull());
    expect(result.getAttribute('data-stale')).toBe('true');
    expect(within(result).getByRole('note').textContent).toContain('The result of the previous send');
  });

  it('Regenerate and Next seed over edited parameters can be undone', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    expect(within(dialog).queryByRole('status', { name: 'Replaced parameters' })).toBeNull();
    typeInto(editorIn(dialog), '{"recipient": "typed@example.com"}');
    await user.click(within(dialog).getByRole('button', { name: 'Next seed' }));
    const note = await within(dialog).findByRole('status', { name: 'Replaced parameters' });
    await waitFor(() => expect(editorIn(dialog).state.doc.toString()).not.toContain('typed@example.com'));
    await user.click(within(note).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(editorIn(dialog).state.doc.toString()).toBe('{"recipient": "typed@example.com"}'));
    expect(within(dialog).queryByRole('status', { name: 'Replaced parameters' })).toBeNull();

    // Generated parameters replaced by others lose nothing: no note.
    await user.click(within(dialog).getByRole('button', { name: 'Regenerate' }));
    await within(dialog).findByRole('status', { name: 'Replaced parameters' });
    await user.click(within(dialog).getByRole('button', { name: 'Regenerate' }));
    await waitFor(() => expect(within(dialog).queryByRole('status', { name: 'Replaced parameters' })).toBeNull());
  });

  it('an error goes once the parameters or the target change', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c, { forwarded: false });
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect((await within(dialog).findByRole('alert', { name: 'Simulator error' })).textContent).toMatch(
      /^There is no handler to send action send_email/,
    );
    typeInto(editorIn(dialog), '{"recipient": "x@example.com"}');
    expect(within(dialog).queryByRole('alert', { name: 'Simulator error' })).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await within(dialog).findByRole('alert', { name: 'Simulator error' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Simulator target URL' }), 'h');
    expect(within(dialog).queryByRole('alert', { name: 'Simulator error' })).toBeNull();
  });

  it('parameters over 1 MB are said as an error, and the last send’s result is marked as such', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    const result = await within(dialog).findByRole('region', { name: 'Simulator result' });
    typeInto(editorIn(dialog), JSON.stringify({ text: 'x'.repeat(1_048_600) }));
    const problem = within(dialog).getByRole('alert', { name: 'Parameters problem' });
    expect(problem.className).toBe('form-error');
    expect(problem.textContent).toMatch(/over Flowent’s limit of 1 MB/);
    expect((within(dialog).getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    expect(result.getAttribute('data-stale')).toBe('true');
  });

  it('asks before removing the schema defined here', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    await user.click(within(dialog).getByRole('button', { name: 'Remove the schema' }));
    const confirm = within(dialog).getByRole('group', { name: 'Confirm removing the schema' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(c.bridge.callsTo('saveSimulatorAction')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Remove the schema' }));
    await user.click(
      within(within(dialog).getByRole('group', { name: 'Confirm removing the schema' })).getByRole('button', { name: 'Remove the schema' }),
    );
    await waitFor(() => expect(c.bridge.callsTo('saveSimulatorAction')).toEqual([['send_email', null]]));
    await waitFor(() => expect(within(dialog).getByLabelText('Action schema').textContent).toContain('none known'));
  });

  it('the registration check’s label is one run of text beside its box', async () => {
    const c = companion();
    const { dialog } = await openSimulator(c);
    const label = within(dialog)
      .getByRole('checkbox', { name: /registration check/ })
      .closest('label')!;
    // As separate items of the flex label, its words and its code were set apart by the gap: ( "test": true , unsigned).
    expect([...label.childNodes].map((node) => node.nodeName)).toEqual(['INPUT', 'SPAN']);
    expect(label.textContent).toBe('Send Flowent’s registration check instead ("test": true, unsigned)');
  });
});
