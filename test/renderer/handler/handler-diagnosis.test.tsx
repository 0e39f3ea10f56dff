// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { openForwardedCall } from '../harness/forwarded-call';

const companion = useCompanion();
const handler = useHandler();

describe('the box that says the handler and the companion disagree', () => {
  it('folds the verifier (about a hundred lines) and asks for it only once opened, so the verdict below stays in view', async () => {
    const c = companion();
    const { pane, user } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), 'refuses_signatures'));
    const box = within(pane).getByRole('group', { name: 'Your handler and the signature' });
    // The box, then the verdict line: the box holds a few lines, no code.
    expect(box.compareDocumentPosition(within(pane).getByTestId('verdict-line')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(box).queryByLabelText('Python verifier')).toBeNull();
    expect(c.bridge.callsTo('getVerifierSnippet')).toEqual([]);

    await user.click(within(box).getByText('Show a verifier that checks this style'));
    const code = await within(box).findByLabelText('Python verifier');
    const style = (await c.api.getCall(1))!.handler!.verifierStyle;
    expect(c.bridge.callsTo('getVerifierSnippet')).toEqual([['python', style]]);
    await waitFor(() => expect(code.textContent).toContain('def '));
  });
});

describe('the diagnosis speaks as the rest of the screen does', () => {
  it('names styles by the labels the signature details use, and points at its own verifier fold, not at a command', async () => {
    const c = companion();
    // Non-ASCII text and keys out of order: the styles sign it in different bytes, so one is named.
    const { pane } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), 'refuses_signatures'), {
      to: 'zoë@example.com',
      b: 2,
      a: { y: 'é', x: 1 },
    });
    const box = within(pane).getByRole('group', { name: 'Your handler and the signature' });
    expect(box.getAttribute('data-code')).toBe('handler-refused-valid-signature');
    const call = (await c.api.getCall(1))!;
    const signedIn = call.handler!.verifierStyle;
    const label = call.signature.styles.find((s) => s.style === signedIn)!.label;
    expect(box.textContent).toContain(`this call was signed with ${label}. It has not accepted a signed call yet`);
    expect(box.textContent).toContain(
      '"Show a verifier that checks this style" below gives a verifier that accepts how this call was signed.',
    );
    expect(box.textContent).not.toContain('flowent-companion');
    expect(box.textContent).not.toContain('json.dumps');
  });
});

describe('the verifier fold for a call not validly signed', () => {
  it('is named by the style it shows, the learned one: the call has no style of its own to call "this style"', async () => {
    const c = companion();
    await c.send('send_email', { to: 'a@example.com' });
    // A handler that checks nothing, and a call signed with another key.
    const { pane, user } = await openForwardedCall(
      c,
      'send_email',
      handlerUrl(handler(), 'ok'),
      { to: 'b@example.com' },
      { key: 'not-the-key' },
    );
    const box = within(pane).getByRole('group', { name: 'Your handler and the signature' });
    expect(box.getAttribute('data-code')).toBe('handler-accepted-invalid-signature');
    const style = (await c.api.getCall(2))!.handler!.verifierStyle;
    const label = (await c.api.getCall(1))!.signature.styles.find((s) => s.style === style)!.label;
    const fold = `Show a verifier for ${label}`;
    expect(box.textContent).toContain(`Make your handler reject a wrong signature with 401 ("${fold}" below gives one that does)`);
    expect(box.textContent).not.toContain('this style');
    await user.click(within(box).getByText(fold));
    await within(box).findByLabelText('Python verifier');
    expect(c.bridge.callsTo('getVerifierSnippet')).toEqual([['python', style]]);
  });
});
