// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { ANSWERED_BY_LABEL } from '../../renderer/src/shared/format';
import { FakeBridge, makeCall } from './fake-bridge';
import { openCall, resetPage } from './harness/render';

afterEach(resetPage);

const VIOLATIONS = [
  { code: 'not-json', message: 'The answer is not JSON: Flowent shows the action as failed.' },
  { code: 'result-missing', message: 'The answer has no "result" string.' },
];

describe('contract check', () => {
  it('lists violations in their own box and marks the row', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1, violations: VIOLATIONS }), makeCall({ id: 2 })]);
    const { pane, row } = await openCall(bridge, 1);
    const box = within(pane).getByRole('note', { name: 'Contract check' });
    expect(
      within(box)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(VIOLATIONS.map((v) => v.message));
    expect(box.textContent).toMatch(/^Problem with the answer:/);
    // Its own marker, in the answer's column: not beside the signature's verdict.
    const mark = within(row).getByTestId('violation-mark');
    expect(mark.textContent).toBe('contract');
    expect(mark.closest('.col-status')).not.toBeNull();
    expect(mark.getAttribute('title')).toBe(`Answer breaks Flowent's contract: ${VIOLATIONS.map((v) => v.message).join('; ')}`);
    const clean = document.querySelector('[data-call-id="2"]') as HTMLElement;
    expect(within(clean).queryByTestId('violation-mark')).toBeNull();
  });

  it('has no contract box for a clean answer', async () => {
    const { pane } = await openCall(new FakeBridge([makeCall({ id: 3 })]), 3);
    expect(within(pane).queryByRole('note', { name: 'Contract check' })).toBeNull();
    expect(within(pane).queryByRole('note', { name: 'Forwarding' })).toBeNull();
    expect(within(pane).queryByTestId('forwarded-for')).toBeNull();
  });
});

describe('forwarding and the tunnel', () => {
  it('shows the target, the error, the registration verdict and the tunnel client', async () => {
    const call = makeCall({
      id: 4,
      test: true,
      answeredBy: 'forward-error',
      forwardedFor: '34.120.1.9',
      forward: {
        target: 'http://localhost:8000/actions/send_email',
        error: 'Your handler refused the connection.',
        registrationWouldPass: false,
      },
    });
    const { pane } = await openCall(new FakeBridge([call]), 4);
    expect(within(pane).getByTestId('forwarded-for').textContent).toBe('Through the tunnel from 34.120.1.9');
    const box = within(pane).getByRole('note', { name: 'Forwarding' });
    expect(within(box).getByTestId('forward-target').textContent).toBe('http://localhost:8000/actions/send_email');
    expect(within(box).getByTestId('forward-error').textContent).toBe('Your handler refused the connection.');
    expect(within(box).getByTestId('registration-would-pass').textContent).toBe(
      "Flowent's registration check would fail with this answer.",
    );
    expect(pane.textContent).toContain('an error: your handler could not be reached');
  });

  it('labels every way of answering', () => {
    expect(ANSWERED_BY_LABEL.forward).toBe('your handler');
    expect(ANSWERED_BY_LABEL['fallback-mock']).toBe('the mock (your handler was unreachable)');
    expect(ANSWERED_BY_LABEL['forward-error']).toBe('an error: your handler could not be reached');
  });
});

describe('make a mock from this answer', () => {
  it('stores the answer as the action mock and says so', async () => {
    const call = makeCall({ id: 5, response: { status: 200, headers: [], body: '{"result":"Sent","error":""}' } });
    const bridge = new FakeBridge([call]);
    const { pane, user } = await openCall(bridge, 5);
    await user.click(within(pane).getByRole('button', { name: 'Make a mock from this answer' }));
    expect(bridge.callsTo('mockFromCall')).toEqual([[5]]);
    await screen.findByText('Saved as the mock for send_email');
    expect(bridge.mocks.map((m) => m.action)).toEqual(['send_email']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a refusal as an error banner', async () => {
    const bridge = new FakeBridge([makeCall({ id: 6 })]);
    const { pane, user } = await openCall(bridge, 6);
    bridge.store = [];
    await user.click(within(pane).getByRole('button', { name: 'Make a mock from this answer' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Could not make a mock from call #6: There is no stored call #6.');
  });
});
