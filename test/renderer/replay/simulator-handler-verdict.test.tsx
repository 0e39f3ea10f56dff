// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, type Companion } from '../harness/companion';
import { editorIn } from '../harness/editor-kit';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { renderLoaded } from './replay-kit';

// A simulated call's result says what the handler made of its signature, and why, as the
// command line's `send` prints it and the call's details show it: not only after "Open call".
const companion = useCompanion();
const handler = useHandler();

async function simulateTo(c: Companion, target: string) {
  await c.send('send_email', { recipient: 'a@example.com' });
  const view = await renderLoaded(c);
  await view.user.click(screen.getByRole('button', { name: 'Simulate' }));
  const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
  await waitFor(() => expect(editorIn(dialog).state.doc.toString()).not.toBe(''));
  await view.user.type(within(dialog).getByRole('textbox', { name: 'Simulator target URL' }), target);
  await view.user.click(within(dialog).getByRole('button', { name: 'Send' }));
  const result = await within(dialog).findByRole('region', { name: 'Simulator result' });
  return { ...view, dialog, result };
}

describe("the simulator's result and the handler's verdict", () => {
  it('shows why the handler rejected a valid signature, in the box the call’s details show', async () => {
    const c = companion();
    const { result, dialog, user } = await simulateTo(c, handlerUrl(handler(), 'refuses_signatures'));
    const [simulated] = c.bridge.callsTo('simulateCall');
    expect(simulated).toBeDefined();
    const id = (await c.api.listCalls({ limit: 1 })).calls[0]!.id;
    const diagnosis = (await c.api.getCall(id))!.handler!.diagnosis!;

    const verdict = await within(result).findByTestId('handler-verdict');
    expect(verdict.textContent).toMatch(/rejected/);
    const box = within(result).getByRole('group', { name: 'Your handler and the signature' });
    expect(box.getAttribute('data-code')).toBe(diagnosis.code);
    const said = box.textContent;

    // The same words as the call's details.
    await user.click(within(result).getByRole('button', { name: 'Open call' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Simulate a Flowent call' })).toBeNull());
    expect(dialog.isConnected).toBe(false);
    const pane = await screen.findByRole('complementary', { name: 'Call details' });
    const details = await within(pane).findByRole('group', { name: 'Your handler and the signature' });
    expect(details.textContent).toBe(said);
  });

  it('says the handler accepted the signature, with no box, when it agrees', async () => {
    const c = companion();
    const { result } = await simulateTo(c, handlerUrl(handler(), 'ok'));
    const verdict = await within(result).findByTestId('handler-verdict');
    expect(verdict.textContent).toMatch(/accepted/);
    expect(within(result).queryByRole('group', { name: 'Your handler and the signature' })).toBeNull();
  });
});
