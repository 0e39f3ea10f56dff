// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { describeAnsweredBy } from '../../renderer/src/calls/answered-by';
import type { AnsweredBy, MockChoice, Selection } from '../../main/contract/api';
import { FakeBridge, makeCall } from './fake-bridge';
import { openCall, resetAll } from './setup';

afterEach(resetAll);

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

  it('labels every way of answering, and says truthfully which mock answer was given', () => {
    const said = (answeredBy: AnsweredBy, mockChoice: MockChoice | null) =>
      describeAnsweredBy({ answeredBy, action: 'send_email', mockChoice });
    expect(said('forward', null)).toBe('your handler');
    expect(said('forward-error', null)).toBe('an error: your handler could not be reached');
    const builtIn = { kind: 'built-in' } as const;
    expect(said('mock', { mock: 'none', response: builtIn })).toBe('the built-in answer (send_email has no mock)');
    const rule = (index: number, name: string | null, selection: Selection = 'rules') => ({
      kind: 'response' as const,
      selection,
      index,
      name,
    });
    expect(said('mock', { mock: 'action', response: rule(1, 'vip customer') })).toBe("the mock of send_email, rule 'vip customer'");
    expect(said('mock', { mock: 'action', response: rule(2, null) })).toBe('the mock of send_email, rule responses[2]');
    expect(said('mock', { mock: 'default', response: rule(2, null, 'sequence') })).toBe('the default mock for every action, sequence #3');
    expect(said('mock', { mock: 'action', response: { kind: 'fallback', name: null } })).toBe(
      'the mock of send_email, its fallback (no rule held)',
    );
    expect(said('mock', { mock: 'action', response: builtIn })).toBe(
      'the built-in answer (the mock of send_email has no response or fallback that applies)',
    );
    expect(said('fallback-mock', { mock: 'none', response: builtIn })).toBe(
      'the built-in answer (send_email has no mock), because your handler was unreachable',
    );
    expect(said('mock', null)).toBe('a mock or the built-in answer (which one was not recorded for this call)');
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
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not make a mock from call #6: There is no call #6 in the history (it may have been cleared).',
    );
  });
});
