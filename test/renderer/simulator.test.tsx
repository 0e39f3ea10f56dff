// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { resetPage } from './harness/render';
import { editorIn, historyBridge, renderLoaded, typeInto } from './replay-test-kit';

afterEach(resetPage);

async function openSimulator(bridge = historyBridge()) {
  const view = await renderLoaded(bridge);
  await view.user.click(screen.getByRole('button', { name: 'Simulate' }));
  const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
  return { ...view, bridge, dialog };
}

const editorText = (dialog: HTMLElement) => editorIn(dialog).state.doc.toString();

describe('the simulator', () => {
  it('generates parameters from the schema with a seed, sends them signed and shows the contract check', async () => {
    const { bridge, dialog, user } = await openSimulator();
    expect(within(dialog).getByLabelText('Learned signing style').textContent).toContain('learned from 37 calls');
    expect((within(dialog).getByRole('combobox', { name: 'Action' }) as HTMLInputElement).value).toBe('send_email');
    expect(within(dialog).getByLabelText('Action schema').textContent).toContain('as registered in Flowent');
    await waitFor(() => expect(JSON.parse(editorText(dialog))).toEqual({ recipient: 'recipient-1', subject: 'subject-1' }));

    const seed = within(dialog).getByRole('spinbutton', { name: 'Seed' });
    await user.clear(seed);
    await user.type(seed, '5');
    await user.click(within(dialog).getByRole('button', { name: 'Regenerate' }));
    await waitFor(() => expect(JSON.parse(editorText(dialog))).toEqual({ recipient: 'recipient-5', subject: 'subject-5' }));
    expect(bridge.callsTo('generateParameters').at(-1)).toEqual(['send_email', 5]);

    typeInto(editorIn(dialog), '{"recipient": "me@example.com"}');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    const result = await within(dialog).findByRole('region', { name: 'Simulator result' });
    expect(bridge.callsTo('simulateCall')).toEqual([
      [{ action: 'send_email', parameters: '{"recipient": "me@example.com"}', seed: 5, test: false, target: null }],
    ]);
    expect(result.textContent).toContain('#5');
    expect(result.textContent).toContain('python style');
    expect(within(result).getByLabelText('Contract check').textContent).toContain('meets Flowent’s contract');
    // The stored call arrives in the list as the core announces it.
    await waitFor(() => expect(document.querySelector('[data-call-id="5"]')).not.toBeNull());
    await user.click(within(result).getByRole('button', { name: 'Open call' }));
    expect(screen.queryByRole('dialog', { name: 'Simulate a Flowent call' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('complementary', { name: 'Call details' }).textContent).toContain('/actions/send_email'));
  });

  it('sends the registration check unsigned and lists the answer’s contract problems', async () => {
    const bridge = historyBridge();
    bridge.replayAnswer = { status: 500, body: 'oops' };
    const { dialog, user } = await openSimulator(bridge);
    await user.click(within(dialog).getByRole('checkbox', { name: /registration check/ }));
    expect(dialog.querySelector('.cm-editor')).toBeNull();
    await user.type(within(dialog).getByLabelText('Simulator target URL'), 'http://localhost:9000/hook');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    const result = await within(dialog).findByRole('region', { name: 'Simulator result' });
    expect(bridge.callsTo('simulateCall').at(-1)).toEqual([
      { action: 'send_email', parameters: null, seed: 1, test: true, target: 'http://localhost:9000/hook' },
    ]);
    expect(result.textContent).toContain('unsigned (registration check)');
    expect(within(result).getByLabelText('Contract check').textContent).toContain('not-2xx');
  });

  it('keeps a typo from being sent, and shows the core’s refusal inline', async () => {
    const { bridge, dialog, user } = await openSimulator();
    await waitFor(() => expect(editorText(dialog)).toContain('recipient'));
    typeInto(editorIn(dialog), '{"recipient": ');
    expect(within(dialog).getByLabelText('Parameters problem').textContent).toContain('not JSON yet');
    expect((within(dialog).getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    typeInto(editorIn(dialog), '{}');
    bridge.refuseNext.set('simulateCall', { code: 'no-key', message: 'Signing a simulated call needs the HMAC key: set it in Settings.' });
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect((await within(dialog).findByRole('alert', { name: 'Simulator error' })).textContent).toContain('set it in Settings');
  });

  it('opens with s, closes with Esc, and says when there is no key to sign with', async () => {
    const bridge = historyBridge();
    bridge.replayCore.learned = { style: 'python', fromCalls: 0, decided: false, keySet: false };
    const { user } = await renderLoaded(bridge);
    await user.keyboard('s');
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    expect((await within(dialog).findByLabelText('Learned signing style')).textContent).toContain('No HMAC key is set');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Simulate a Flowent call' })).toBeNull();
  });

  it('says what to do when no action is known, and lets one be defined here with a schema', async () => {
    const bridge = historyBridge();
    bridge.replayCore.actions = [];
    const { dialog, user } = await openSimulator(bridge);
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
    expect(bridge.callsTo('saveSimulatorAction')).toEqual([['new_thing', '{"type":"object","properties":{"title":{"type":"string"}}}']]);
    await waitFor(() => expect(JSON.parse(editorText(dialog))).toEqual({ title: 'title-1' }));
  });
});

describe('Esc over the simulator’s parameters', () => {
  const warning = 'Unsaved changes to the parameters for send_email: press Esc again to discard them, or save first.';
  async function openSeeded() {
    const view = await openSimulator();
    await waitFor(() => expect(JSON.parse(editorText(view.dialog))).toEqual({ recipient: 'recipient-1', subject: 'subject-1' }));
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
    const { bridge, dialog, user } = await openSeeded();
    typeInto(editorIn(dialog), '{"recipient": "typed@example.com"}');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await within(dialog).findByRole('region', { name: 'Simulator result' });
    expect(bridge.callsTo('simulateCall')).toHaveLength(1);
    await user.keyboard('{Escape}');
    expect(simulatorOpen()).toBe(false);
    expect(screen.queryByText(warning)).toBeNull();
  });
});
