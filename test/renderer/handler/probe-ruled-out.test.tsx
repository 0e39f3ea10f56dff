// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { KEY, useCompanion } from '../harness/companion';
import { startSignatureHandler, type SignatureHandler } from '../../helpers/signature-handler-process';
import { hasPython } from '../../core/handler-check/verifier-runners';
import { sign } from '../../../main/core/signature';
import { openCall } from '../harness/render';

const companion = useCompanion();

describe.skipIf(!hasPython)("a probe's finding beside the styles the handler may verify with", () => {
  let python: SignatureHandler;
  beforeAll(async () => {
    python = await startSignatureHandler('python', KEY);
  });
  afterAll(() => python?.stop());

  it('marks an accepted style that other calls to the handler rule out, so the two do not read as a contradiction', async () => {
    const c = companion();
    await c.api.setForwardTarget('greet', python.target.replace('{action_name}', 'greet'));
    const timestamp = Math.floor(Date.now() / 1000);
    const call = (parameters: Record<string, string>) => JSON.stringify({ action_name: 'greet', parameters, timestamp });
    // #1: nested keys out of order, accepted: sorting styles are ruled out. #2: keys in order: they sign it as Python does.
    await c.post('/actions/greet', sign(call({ name: 'Renée', city: 'Zürich' }), KEY, 'python').body);
    await c.post('/actions/greet', sign(call({ city: 'Zürich' }), KEY, 'python').body);

    const { pane, user } = await openCall(c.bridge, 2);
    const section = within(pane).getByRole('region', { name: 'Your handler' });
    const mayVerify = within(section).getByTestId('handler-styles-accepted').textContent ?? '';
    expect(mayVerify).not.toContain('Keys sorted, ASCII escapes (Python)');
    const check = within(section).getByRole('button', { name: "Check my handler's verifier…" });
    await user.click(check);
    const send = within(section).getByRole('button', { name: 'Send the calls' });
    await user.click(send);
    const result = await within(section).findByRole('region', { name: 'Probe result' }, { timeout: 15_000 });
    const finding = within(result).getByRole('status').textContent ?? '';
    expect(finding).toMatch(
      /^Your handler checks signatures: it rejected the wrong signature and accepted Python example \(as sent, ASCII escapes\); /,
    );
    expect(finding).toContain('Keys sorted, ASCII escapes (Python) (other calls to it rule this style out)');
    expect(finding).not.toContain('Python example (as sent, ASCII escapes) (other calls');
  });
});
