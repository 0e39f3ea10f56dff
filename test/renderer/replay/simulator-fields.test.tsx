// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, type Companion } from '../harness/companion';
import { editorIn, typeInto } from '../harness/editor-kit';
import { renderLoaded } from './replay-kit';

// The simulator's own fields as they are typed in: the action's name, the seed, the schema.
const companion = useCompanion();

const SCHEMA = { type: 'object', properties: { recipient: { type: 'string' } } };

async function openSimulator(c: Companion) {
  await c.send('send_email', { recipient: 'a@example.com' });
  await c.api.saveSimulatorAction('send_email', JSON.stringify(SCHEMA));
  const view = await renderLoaded(c);
  await view.user.click(screen.getByRole('button', { name: 'Simulate' }));
  const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
  await waitFor(() => expect(editorIn(dialog).state.doc.toString()).toContain('recipient'));
  return { ...view, dialog };
}

const simulatorOpen = () => screen.queryByRole('dialog', { name: 'Simulate a Flowent call' }) !== null;
/** The first Esc's warning, with how the simulator keeps it: parameters by sending them, a schema by saving it. */
const warningAbout = (what: string, keep = 'send them first') => `Unsaved changes to ${what}: press Esc again to discard them, or ${keep}.`;

describe('the simulator’s action name', () => {
  it('keeps the parameters edited for an action while its name is typed over, and back', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    const typed = '{"recipient": "typed@example.com"}';
    typeInto(editorIn(dialog), typed);
    const name = within(dialog).getByRole('combobox', { name: 'Action' });
    // A slip of the keyboard: one letter off and back on again.
    await user.type(name, '{Backspace}');
    await waitFor(() => expect(within(dialog).getByText(/No schema is known for send_emai/)).toBeTruthy());
    await user.type(name, 'l');
    await waitFor(() => expect(editorIn(dialog).state.doc.toString()).toBe(typed));
    // Still unsaved: Esc warns before discarding them.
    await user.keyboard('{Escape}');
    expect(await screen.findByText(warningAbout('the parameters for send_email'))).toBeTruthy();
    expect(simulatorOpen()).toBe(true);
  });

  it('warns on Esc over parameters kept for an action no longer shown', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    typeInto(editorIn(dialog), '{"recipient": "typed@example.com"}');
    const name = within(dialog).getByRole('combobox', { name: 'Action' });
    await user.clear(name);
    await user.type(name, 'other_thing');
    await waitFor(() => expect(within(dialog).getByText(/No schema is known for other_thing/)).toBeTruthy());
    await user.keyboard('{Escape}');
    expect(await screen.findByText(warningAbout('the parameters for send_email'))).toBeTruthy();
    expect(simulatorOpen()).toBe(true);
    await user.keyboard('{Escape}');
    expect(simulatorOpen()).toBe(false);
  });

  it('says an invalid name to a screen reader, tied to its field', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    const name = within(dialog).getByRole('combobox', { name: 'Action' });
    expect(name.getAttribute('aria-invalid')).toBeNull();
    await user.type(name, '-');
    const message = within(dialog).getByRole('alert', { name: 'Action name problem' });
    expect(message.textContent).toBe('An action name is 1-100 lowercase letters, digits or underscores.');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toBe(message.id);
    await user.type(name, '{Backspace}');
    expect(name.getAttribute('aria-invalid')).toBeNull();
    expect(name.getAttribute('aria-describedby')).toBeNull();
  });
});

describe('the simulator’s seed', () => {
  it('keeps what is typed, says when it is not a whole number, and generates only from one', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    const seed = within(dialog).getByRole('spinbutton', { name: 'Seed' }) as HTMLInputElement;
    await user.clear(seed);
    // A number field holds no value for "-" alone (a browser shows the sign): it was turned into 0.
    await user.type(seed, '-');
    expect(seed.value).not.toBe('0');
    await user.type(seed, '4');
    expect(seed.value).toBe('-4');
    expect(seed.getAttribute('aria-invalid')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Regenerate' }));
    await waitFor(() => expect(c.bridge.callsTo('generateParameters').at(-1)).toEqual(['send_email', -4]));

    await user.clear(seed);
    await user.type(seed, '3.7');
    expect(seed.value).toBe('3.7');
    const problem = within(dialog).getByRole('alert', { name: 'Seed problem' });
    expect(problem.textContent).toBe('A seed is a whole number, such as 1 or -4.');
    expect(seed.getAttribute('aria-invalid')).toBe('true');
    expect(seed.getAttribute('aria-describedby')).toBe(problem.id);
    const generated = c.bridge.callsTo('generateParameters').length;
    await user.click(within(dialog).getByRole('button', { name: 'Regenerate' }));
    await user.click(within(dialog).getByRole('button', { name: 'Next seed' }));
    expect(c.bridge.callsTo('generateParameters')).toHaveLength(generated);
  });
});

describe('Esc over the simulator’s schema', () => {
  it('warns once over a schema being edited and keeps it; a second Esc discards it', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    await user.click(within(dialog).getByRole('button', { name: 'Edit the schema' }));
    const text = within(dialog).getByRole('textbox', { name: 'Schema to define' }) as HTMLTextAreaElement;
    // Opened and not changed: nothing to lose.
    await user.click(text);
    await user.keyboard('{Escape}');
    expect(simulatorOpen()).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Simulate' }));
    const again = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    await user.click(await within(again).findByRole('button', { name: 'Edit the schema' }));
    const edited = within(again).getByRole('textbox', { name: 'Schema to define' }) as HTMLTextAreaElement;
    await user.clear(edited);
    await user.type(edited, '{{"type":"object"}');
    await user.keyboard('{Escape}');
    expect(await screen.findByText(warningAbout('the schema for send_email', 'save first'))).toBeTruthy();
    expect(simulatorOpen()).toBe(true);
    expect(edited.value).toBe('{"type":"object"}');
    await user.keyboard('{Escape}');
    expect(simulatorOpen()).toBe(false);
  });

  it('saves the schema under the action it was opened for, though the name was typed over meanwhile', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    await user.click(within(dialog).getByRole('button', { name: 'Edit the schema' }));
    const edited = within(dialog).getByRole('textbox', { name: 'Schema to define' }) as HTMLTextAreaElement;
    await user.clear(edited);
    await user.type(edited, '{{"type":"object","properties":{{"subject":{{"type":"string"}}}');
    await user.type(within(dialog).getByRole('combobox', { name: 'Action' }), '{Backspace}');
    expect(within(dialog).getByText('Editing the schema for send_email: Save stores it under that name.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Save the schema' }));
    await waitFor(() => expect(c.bridge.callsTo('saveSimulatorAction').at(-1)?.[0]).toBe('send_email'));
    expect((await c.api.listSimulatorActions()).map((entry) => entry.action)).not.toContain('send_emai');
  });

  it('keeps the schema being typed while the action name is invalid for a moment, saying what is wrong with the name', async () => {
    const c = companion();
    const { dialog, user } = await openSimulator(c);
    await user.click(within(dialog).getByRole('button', { name: 'Edit the schema' }));
    const edited = within(dialog).getByRole('textbox', { name: 'Schema to define' }) as HTMLTextAreaElement;
    await user.clear(edited);
    await user.type(edited, '{{"type":"object","title":"typed"}');
    const name = within(dialog).getByRole('combobox', { name: 'Action' });
    await user.type(name, '-');
    expect(within(dialog).getByRole('alert', { name: 'Action name problem' }).textContent).toBe(
      'An action name is 1-100 lowercase letters, digits or underscores.',
    );
    // The editor stays, with what was typed in it, under the name it was opened for.
    expect(within(dialog).getByRole('textbox', { name: 'Schema to define' })).toBe(edited);
    expect(within(dialog).getByText('Editing the schema for send_email: Save stores it under that name.')).toBeTruthy();
    expect(within(dialog).queryByText(/^JSON Schema:/)).toBeNull();
    await user.type(name, '{Backspace}');
    expect(within(dialog).queryByRole('alert', { name: 'Action name problem' })).toBeNull();
    expect((within(dialog).getByRole('textbox', { name: 'Schema to define' }) as HTMLTextAreaElement).value).toBe(
      '{"type":"object","title":"typed"}',
    );
  });
});
