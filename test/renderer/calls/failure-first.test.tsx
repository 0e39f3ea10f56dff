// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { closedPort, handlerUrl, useHandler } from '../../helpers/handler-process';
import { KEY, useCompanion } from '../harness/companion';
import { openForwardedCall } from '../harness/forwarded-call';

const companion = useCompanion();
const handler = useHandler();

/** The labels of the details' opening boxes, in the order they are shown. */
function openingBoxes(pane: HTMLElement): string[] {
  return [...pane.querySelectorAll('.problem-box, .verdict-line')].map((box) => box.getAttribute('aria-label') ?? '');
}

describe('a failed call opens with why it failed', () => {
  it('a valid signature and an answer that is not JSON: the answer first, the signature after', async () => {
    const { pane } = await openForwardedCall(companion(), 'send_email', handlerUrl(handler(), 'garbage'));
    expect(within(pane).getByTestId('verdict-line').textContent).toMatch(/^Valid signature/);
    expect(within(pane).getByRole('note', { name: 'Contract check' }).textContent).toMatch(/^Problem with the answer:.*not JSON/);
    expect(openingBoxes(pane)).toEqual(['Contract check', 'Verdict']);
  });

  it('a valid signature and a handler that never answered: how it did not answer first', async () => {
    const port = await closedPort();
    const { pane } = await openForwardedCall(companion(), 'send_email', `http://127.0.0.1:${port}/{action_name}`);
    expect(openingBoxes(pane)).toEqual(['No answer', 'Verdict']);
  });

  it('a signature not checked for want of a key is no failure either: the answer first', async () => {
    const c = await companion.restart({ key: null });
    const { pane } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), 'garbage'), {}, { key: KEY });
    expect(within(pane).getByTestId('verdict-line').textContent).toMatch(/^Signature not checked/);
    expect(openingBoxes(pane)).toEqual(['Contract check', 'Verdict']);
  });

  it('an invalid signature: the signature is the first cause (its 200 took it, so that is said above), the answer follows it', async () => {
    const { pane } = await openForwardedCall(companion(), 'send_email', handlerUrl(handler(), 'garbage'), {}, { key: 'not-the-key' });
    expect(within(pane).getByTestId('verdict-line').textContent).toMatch(/^Invalid signature/);
    expect(openingBoxes(pane)).toEqual(['Your handler and the signature', 'Verdict', 'Contract check']);
  });

  it('a handler that rejected a valid signature: the disagreement, then its answer, then the valid signature', async () => {
    const { pane } = await openForwardedCall(companion(), 'send_email', handlerUrl(handler(), 'refuses_signatures'));
    expect(openingBoxes(pane)).toEqual(['Your handler and the signature', 'Contract check', 'Verdict']);
  });
});
