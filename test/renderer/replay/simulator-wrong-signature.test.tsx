// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { KEY, useCompanion } from '../harness/companion';
import { renderLoaded } from './replay-kit';
import { openCall } from '../harness/render';
import { useCheckingAndTrustingHandlers } from '../../helpers/signature-handler-process';
import { hasPython } from '../../core/handler-check/verifier-runners';

// The Simulate dialog's "Spoil the signature", against real handler processes
// (test/fixtures/handlers/signature-handler.py): one that verifies with the companion's key,
// one that checks nothing. The result says the signature was spoiled on purpose, and passes
// only when the handler refused the call.

const companion = useCompanion();
const { checking, trusting } = useCheckingAndTrustingHandlers(KEY);

describe.skipIf(!hasPython)("the simulator's spoiled signature", () => {
  it('passes when the handler refuses the call, and fails when it accepts it', async () => {
    const c = companion();
    // Forwarded to the checking handler, which accepts it: a refusal proves something only from a handler seen accepting a valid signature.
    await c.api.setForwardTarget('send_email', checking().target);
    expect((await c.send('send_email', { to: 'a@example.com' })).status).toBe(200);
    const { user } = await renderLoaded(c);
    await user.click(screen.getByRole('button', { name: 'Simulate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    const spoil = await within(dialog).findByRole('checkbox', { name: /Spoil the signature/ });
    await user.click(spoil);
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));

    const refused = await within(dialog).findByRole('region', { name: 'Simulator result' });
    expect(c.bridge.callsTo('simulateCall').at(-1)).toEqual([expect.objectContaining({ action: 'send_email', wrongSignature: true })]);
    expect(refused.textContent).toContain('python style, its signature then spoiled on purpose');
    expect(within(refused).getByLabelText('Signature check').textContent).toBe(
      'Your handler refused the call with a wrong signature (401), as it should: it checks signatures.',
    );
    expect(refused.className).toContain('replay-passed');

    await user.type(
      within(dialog).getByRole('textbox', { name: 'Simulator target URL' }),
      trusting().target.replace('{action_name}', 'send_email'),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Signature check').textContent).toMatch(
        /^Your handler accepted a call with a wrong signature \(200\): it does not check signatures/,
      ),
    );
    expect(within(dialog).getByRole('region', { name: 'Simulator result' }).className).toContain('replay-failed');
  }, 60_000);

  it('is not offered with the registration check, which is unsigned', async () => {
    const c = companion();
    await c.send('send_email', { to: 'a@example.com' });
    await c.api.setForwardTarget('send_email', trusting().target);
    const { user } = await renderLoaded(c);
    await user.click(screen.getByRole('button', { name: 'Simulate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    await user.click(await within(dialog).findByRole('checkbox', { name: /Spoil the signature/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /registration check/ }));
    expect(within(dialog).queryByRole('checkbox', { name: /Spoil the signature/ })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    const result = await within(dialog).findByRole('region', { name: 'Simulator result' });
    expect(c.bridge.callsTo('simulateCall').at(-1)).toEqual([expect.not.objectContaining({ wrongSignature: true })]);
    expect(result.textContent).toContain('unsigned (registration check)');
    expect(within(result).queryByLabelText('Signature check')).toBeNull();
  }, 60_000);
});

describe.skipIf(!hasPython)("a spoiled call's details, once the handler has accepted a valid call since", () => {
  it('judge its refusal with what the handler accepted until now, and say so, as the command line does', async () => {
    const c = companion();
    await c.api.setForwardTarget('send_email', checking().target);
    const spoiled = await c.api.simulateCall({
      action: 'send_email',
      parameters: '{"to":"a@example.com"}',
      seed: 1,
      test: false,
      target: null,
      wrongSignature: true,
    });
    if (!spoiled.ok) throw new Error(JSON.stringify(spoiled));
    expect(spoiled.value.validAccepted).toBe(0);
    expect((await c.send('send_email', { to: 'b@example.com' })).status).toBe(200);

    const { pane } = await openCall(c.bridge, spoiled.value.id);
    expect(pane.textContent).toContain(
      'Your handler refused the call with a wrong signature (401), as it should: it checks signatures; judged with what your handler has accepted until now, not when this call was sent.',
    );
  }, 60_000);
});
