// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, makeCall } from './fake-bridge';
import { openCall, resetPage } from './harness/render';

afterEach(resetPage);

function original() {
  return makeCall({
    id: 3,
    action: 'send_email',
    path: '/actions/send_email',
    response: { status: 200, headers: [], body: '{"result":"sent"}' },
  });
}

describe('replay from the detail pane', () => {
  it('replays re-signed to the given target and shows the result and the diff beside the original', async () => {
    const bridge = new FakeBridge([original()]);
    const { pane, user } = await openCall(bridge, 3);
    await user.type(within(pane).getByLabelText('Replay target URL'), 'http://localhost:9000/actions/{{action_name}');
    await user.click(within(pane).getByRole('button', { name: 'Replay re-signed' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(bridge.callsTo('replayCall')).toEqual([[3, 'resign', 'http://localhost:9000/actions/{action_name}']]);
    expect(result.textContent).toContain('#4');
    expect(result.textContent).toContain('200');
    expect(result.textContent).toContain('changed');
    expect(result.textContent).toContain('python');
    expect(result.textContent).toContain('http://localhost:9000/actions/send_email');
    const diff = within(result).getByRole('region', { name: 'Answer diff' });
    expect(diff.textContent).toContain('- {"result":"sent"}');
    expect(diff.textContent).toContain('+ {"result":"replayed"}');
    // The replay is stored as a new call and can be opened.
    await waitFor(() => expect(document.querySelector('[data-call-id="4"]')).not.toBeNull());
    await user.click(within(result).getByRole('button', { name: 'Open replay' }));
    await waitFor(() => expect(bridge.callsTo('getCall')).toContainEqual([4]));
    await waitFor(() => expect(within(screen.getByRole('complementary', { name: 'Call details' })).getByText('#3')).toBeTruthy());
  });

  it('replays as is to the forwarding target (no target given) and reports passed for the same answer', async () => {
    const bridge = new FakeBridge([original()]);
    bridge.respondInfo.startupForwardTarget = 'http://localhost:8000/actions/{action_name}';
    bridge.replayAnswer = { status: 200, body: '{"result":"sent"}' };
    const { pane, user } = await openCall(bridge, 3);
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(bridge.callsTo('replayCall')).toEqual([[3, 'as-is', null]]);
    expect(result.textContent).toContain('passed');
    expect(result.textContent).toContain('not re-signed');
    expect(within(result).getByRole('region', { name: 'Answer diff' }).textContent).toContain('same as the original');
  });

  it('shows a failed replay with its violations', async () => {
    const bridge = new FakeBridge([original()]);
    bridge.replayAnswer = { status: 500, body: 'boom' };
    const { pane, user } = await openCall(bridge, 3);
    await user.type(within(pane).getByLabelText('Replay target URL'), 'http://localhost:9000/x');
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(result.textContent).toContain('failed');
    expect(result.textContent).toContain('not-2xx');
    expect(within(result).getByRole('region', { name: 'Answer diff' }).textContent).toContain('Status 200 → 500 (changed)');
  });

  it('shows the core refusal inline', async () => {
    const bridge = new FakeBridge([original()]);
    const { pane, user } = await openCall(bridge, 3);
    await user.click(within(pane).getByRole('button', { name: 'Replay re-signed' }));
    const alert = await within(pane).findByRole('alert', { name: 'Replay error' });
    expect(alert.textContent).toContain('no forwarding target');
    expect(within(pane).queryByRole('region', { name: 'Replay result' })).toBeNull();
  });

  it('copies the call as cURL, as is and re-signed', async () => {
    const bridge = new FakeBridge([makeCall({ id: 5, requestBody: '{"signature":"old"}' })]);
    const { pane, user } = await openCall(bridge, 5);
    await user.click(within(pane).getByRole('button', { name: 'Copy as cURL' }));
    await screen.findByText('Copied');
    await expect(navigator.clipboard.readText()).resolves.toContain('"signature":"old"');
    await user.click(within(pane).getByRole('button', { name: 'Copy as cURL, re-signed' }));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toContain('"signature":"resigned"'));
    expect(bridge.callsTo('copyAsCurl')).toEqual([
      [5, false],
      [5, true],
    ]);
  });
});
