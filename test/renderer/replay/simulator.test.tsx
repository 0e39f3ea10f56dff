// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, valueOf, type Companion } from '../harness/companion';
import { editorIn, typeInto } from '../harness/editor-kit';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { renderApp } from '../harness/render';
import { renderLoaded } from './replay-kit';
import { useUiStore } from '../../../renderer/src/page/stores';

const companion = useCompanion();
const handler = useHandler();

const SEND_EMAIL_SCHEMA = { type: 'object', properties: { recipient: { type: 'string' }, subject: { type: 'string' } } };

/** The parameters the core generates for send_email from its schema with `seed`. */
async function generated(c: Companion, seed: number): Promise<unknown> {
  return JSON.parse(valueOf(await c.api.generateParameters('send_email', seed)));
}

/** Three send_email calls from Flowent, its schema defined here and its calls forwarded to the handler. */
async function simulatorReady(): Promise<Companion> {
  const c = companion();
  for (const to of ['a@example.com', 'b@example.com', 'c@example.com']) await c.send('send_email', { to });
  await c.api.saveSimulatorAction('send_email', JSON.stringify(SEND_EMAIL_SCHEMA));
  await c.api.setForwardTarget('send_email', handlerUrl(handler(), '{action_name}'));
  return c;
}

async function openSimulator(c: Companion) {
  const view = await renderLoaded(c);
  await view.user.click(screen.getByRole('button', { name: 'Simulate' }));
  const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
  return { ...view, dialog };
}

const editorText = (dialog: HTMLElement) => editorIn(dialog).state.doc.toString();

describe('the simulator', () => {
  it('generates parameters from the schema with a seed, sends them signed and shows the contract check', async () => {
    const c = await simulatorReady();
    const { dialog, user } = await openSimulator(c);
    // Three plain ASCII calls: every style signs them alike, so nothing is said to be learned from them.
    expect(within(dialog).getByLabelText('Learned signing style').textContent).toContain(
      'every style signs the 3 Flowent calls so far alike',
    );
    expect((within(dialog).getByRole('combobox', { name: 'Action' }) as HTMLInputElement).value).toBe('send_email');
    expect(within(dialog).getByLabelText('Action schema').textContent).toContain('defined here');
    const seeded = await generated(c, 1);
    expect(Object.keys(seeded as object)).toEqual(['recipient', 'subject']);
    await waitFor(() => expect(JSON.parse(editorText(dialog))).toEqual(seeded));

    const seed = within(dialog).getByRole('spinbutton', { name: 'Seed' });
    await user.clear(seed);
    await user.type(seed, '5');
    await user.click(within(dialog).getByRole('button', { name: 'Regenerate' }));
    const reseeded = await generated(c, 5);
    expect(reseeded).not.toEqual(seeded);
    await waitFor(() => expect(JSON.parse(editorText(dialog))).toEqual(reseeded));
    expect(c.bridge.callsTo('generateParameters').at(-1)).toEqual(['send_email', 5]);

    typeInto(editorIn(dialog), '{"recipient": "me@example.com"}');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    const result = await within(dialog).findByRole('region', { name: 'Simulator result' });
    expect(c.bridge.callsTo('simulateCall')).toEqual([
      [{ action: 'send_email', parameters: '{"recipient": "me@example.com"}', seed: 5, test: false, target: null }],
    ]);
    const sent = JSON.parse((await handler().received()).at(-1)!.body.toString());
    expect(sent.parameters).toEqual({ recipient: 'me@example.com' });
    expect(result.textContent).toContain('#4');
    expect(result.textContent).toContain('python style');
    expect(within(result).getByLabelText('Contract check').textContent).toContain('meets Flowent’s contract');
    // The stored call arrives in the list as the core announces it.
    await waitFor(() => expect(document.querySelector('[data-call-id="4"]')).not.toBeNull());
    await user.click(within(result).getByRole('button', { name: 'Open call' }));
    expect(screen.queryByRole('dialog', { name: 'Simulate a Flowent call' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('complementary', { name: 'Call details' }).textContent).toContain('/actions/send_email'));
  });

  it('sends the registration check unsigned and lists the answer’s contract problems', async () => {
    const c = await simulatorReady();
    const { dialog, user } = await openSimulator(c);
    await user.click(within(dialog).getByRole('checkbox', { name: /registration check/ }));
    expect(dialog.querySelector('.cm-editor')).toBeNull();
    const target = handlerUrl(handler(), 'error500');
    await user.type(within(dialog).getByLabelText('Simulator target URL'), target);
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    const result = await within(dialog).findByRole('region', { name: 'Simulator result' });
    expect(c.bridge.callsTo('simulateCall').at(-1)).toEqual([{ action: 'send_email', parameters: null, seed: 1, test: true, target }]);
    const sent = JSON.parse((await handler().received()).at(-1)!.body.toString());
    expect(sent.test).toBe(true);
    expect(sent.signature).toBeUndefined();
    expect(result.textContent).toContain('unsigned (registration check)');
    // In the contract's words, without its codes.
    const problems = within(within(result).getByLabelText('Contract check')).getAllByRole('listitem');
    expect(problems[0]!.textContent).toMatch(
      /^Your handler answered 500 to Flowent's registration check; Flowent registers the action only after a 2xx/,
    );
    expect(result.textContent).not.toMatch(/not-2xx|result-missing/);
  });

  it('offers the action of the call selected in the list', async () => {
    const c = await simulatorReady();
    await c.send('zeta_report', { week: 3 });
    const view = await renderLoaded(c);
    await waitFor(() => expect(document.querySelector('[data-call-id="4"]')).not.toBeNull());
    await view.user.click(document.querySelector<HTMLElement>('[data-call-id="4"]')!);
    await view.user.click(screen.getByRole('button', { name: 'Simulate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    expect((within(dialog).getByRole('combobox', { name: 'Action' }) as HTMLInputElement).value).toBe('zeta_report');
  });

  it('keeps a typo from being sent, and shows the core’s refusal inline', async () => {
    const c = await simulatorReady();
    const { dialog, user } = await openSimulator(c);
    await waitFor(() => expect(editorText(dialog)).toContain('recipient'));
    typeInto(editorIn(dialog), '{"recipient": ');
    expect(within(dialog).getByLabelText('Parameters problem').textContent).toBe(
      'Not valid JSON: the text ends before the JSON does (“}” missing) (line 1, column 15).',
    );
    expect((within(dialog).getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    typeInto(editorIn(dialog), '{}');
    // With no key, the core cannot sign the call: the page shows its refusal.
    await c.api.clearHmacKey();
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    // The page names its own field, not the FLOWENT_HMAC_KEY variable the command line names.
    expect((await within(dialog).findByRole('alert', { name: 'Simulator error' })).textContent).toBe(
      'Signing a simulated call needs the HMAC key. Set the key in Settings > HMAC key, or tick "Send Flowent’s registration check instead" for the unsigned check.',
    );
  });

  it('opens with s, closes with Esc, and says when there is no key to sign with', async () => {
    const c = await simulatorReady();
    await c.api.clearHmacKey();
    const { user } = await renderLoaded(c);
    await user.keyboard('s');
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    expect((await within(dialog).findByLabelText('Learned signing style')).textContent).toContain('No HMAC key is set');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Simulate a Flowent call' })).toBeNull();
  });

  it('says what to do when no action is known, and lets one be defined here with a schema', async () => {
    // A first run: no call in the history, no action defined here or known from Flowent.
    const c = companion();
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(c.bridge.callsTo('getStats').length).toBeGreaterThan(0));
    await user.click(screen.getByRole('button', { name: 'Simulate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    expect((await within(dialog).findByLabelText('No known actions')).textContent).toContain('Type an action name');
    await user.type(within(dialog).getByRole('combobox', { name: 'Action' }), 'new_thing');
    expect(dialog.textContent).toContain('No schema is known for new_thing');
    await user.click(within(dialog).getByRole('button', { name: 'Define a schema here' }));
    const schema = within(dialog).getByRole('textbox', { name: 'Schema to define' });
    await user.clear(schema);
    await user.click(schema);
    await user.paste('{"type":"object","properties":{"title":{"type":"string"}}}');
    await user.click(within(dialog).getByRole('button', { name: 'Save the schema' }));
    await waitFor(() => expect(within(dialog).getByLabelText('Action schema').textContent).toContain('defined here'));
    expect(c.bridge.callsTo('saveSimulatorAction')).toEqual([['new_thing', '{"type":"object","properties":{"title":{"type":"string"}}}']]);
    await waitFor(() => expect(Object.keys(JSON.parse(editorText(dialog)))).toEqual(['title']));
  });
});

describe('Esc over the simulator’s parameters', () => {
  const warning = 'Unsaved changes to the parameters for send_email: press Esc again to discard them, or send them first.';
  async function openSeeded() {
    const c = await simulatorReady();
    const view = { c, ...(await openSimulator(c)) };
    const seeded = await generated(c, 1);
    await waitFor(() => expect(JSON.parse(editorText(view.dialog))).toEqual(seeded));
    return view;
  }
  const simulatorOpen = () => screen.queryByRole('dialog', { name: 'Simulate a Flowent call' }) !== null;

  it('closes at once while the parameters are as seeded', async () => {
    const { user } = await openSeeded();
    await user.keyboard('{Escape}');
    expect(simulatorOpen()).toBe(false);
    expect(screen.queryByText(warning)).toBeNull();
  });

  it('warns once over edited parameters and keeps them; a second Esc discards them', async () => {
    const { dialog, user } = await openSeeded();
    typeInto(editorIn(dialog), '{"recipient": "typed@example.com"}');
    await user.keyboard('{Escape}');
    expect(await screen.findByText(warning)).toBeTruthy();
    expect(simulatorOpen()).toBe(true);
    expect(editorText(dialog)).toBe('{"recipient": "typed@example.com"}');
    await user.keyboard('{Escape}');
    expect(simulatorOpen()).toBe(false);
  });

  it('closes at once once the edited parameters are sent', async () => {
    const { c, dialog, user } = await openSeeded();
    typeInto(editorIn(dialog), '{"recipient": "typed@example.com"}');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await within(dialog).findByRole('region', { name: 'Simulator result' });
    expect(c.bridge.callsTo('simulateCall')).toHaveLength(1);
    // Sent parameters stop counting as unsaved a render or two after the result shows.
    await waitFor(() => expect(useUiStore.getState().unsavedWork).toBeNull());
    await user.keyboard('{Escape}');
    expect(simulatorOpen()).toBe(false);
    expect(screen.queryByText(warning)).toBeNull();
  });
});
