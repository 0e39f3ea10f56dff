// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { closedPort, handlerUrl, useHandler } from '../../helpers/handler-process';
import { bulkReplayedSendEmail, listed, openBulkFor, sendHistory } from './replay-kit';

const companion = useCompanion();
const handler = useHandler();

describe('bulk replay: why each call ended as it did', () => {
  it('the Failed list says, beside each call, its answer and why it failed', async () => {
    const { dialog, user } = await bulkReplayedSendEmail(companion(), handlerUrl(handler(), 'error500'));
    const why =
      'Your handler answered 500; Flowent treats anything but 2xx as a failed action (the flow takes its "on action failure" branch).';
    // The mock's 200 before: the handler's 500 is the change, and the reason it failed.
    expect(await listed(dialog, user, 'Failed 3', 'Failed calls')).toEqual([
      `Call #1 → replay #5: 200 → 500 — ${why}`,
      `Call #2 → replay #6: 200 → 500 — ${why}`,
      `Call #3 → replay #7: 200 → 500 — ${why}`,
    ]);
    expect(within(dialog).queryByRole('note', { name: 'Answered by the mock' })).toBeNull();
    // Every answer changed, yet failed: the changed count says it counts passing replays only,
    // not "Changed answer 0" above three changed answers.
    const counts = within(dialog).getByRole('group', { name: 'Bulk replay counts' });
    expect(
      within(counts)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Passed 0', 'Passed with a changed answer 0', 'Failed 3', 'Not sent 0']);
  });

  it('the list of calls passed with a changed answer says what each answer changed from: a refusal in its own words', async () => {
    const c = companion();
    await c.send('send_email', { to: 'a@example.com' });
    // No parameters: this companion refused it (400), before any mock or handler saw it.
    expect((await c.send('send_email', {}, { extra: { parameters: undefined } })).status).toBe(400);
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'ok'));
    const { dialog, user } = await openBulkFor(c, 'send_email');
    await user.click(await within(dialog).findByRole('button', { name: 'Replay these 2 calls' }));
    await waitFor(() => expect(dialog.textContent).toContain('Done: 2 of 2 calls replayed.'));
    expect(await listed(dialog, user, 'Passed with a changed answer 2', 'Calls passed with a changed answer')).toEqual([
      'Call #1 → replay #3: 200 — The body and headers changed',
      'Call #2 → replay #4: 400 refused: no parameters → 200',
    ]);
  });

  it('a replay the mock answered in place of a handler that gave none says so, and why forwarding failed', async () => {
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const c = await companion.restart({ core: { forwardTarget: `${closed}/actions/{action_name}`, fallbackToMock: true } });
    await sendHistory(c);
    const { dialog, user } = await openBulkFor(c, 'send_email');
    // Sent to this companion, which forwards each to the closed port, then answers with its mock.
    await user.click(within(dialog).getByRole('button', { name: 'This companion' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Replay these 3 calls' }));
    await waitFor(() => expect(dialog.textContent).toContain('Done: 3 of 3 calls replayed.'));
    // Passed, as a single replay's verdict says of the same answer; but no handler was tested.
    expect(within(dialog).getByRole('note', { name: 'Answered by the mock' }).textContent).toBe(
      '3 replays answered from the mock: your handler gave no answer.',
    );
    const passed = await listed(dialog, user, 'Passed 3', 'Passed calls');
    expect(passed[0]).toMatch(
      /^Call #1 → replay #5: 200 from the mock: your handler gave no answer — forwarded to your handler at .*\/actions\/send_email, behind this companion's webhook — Forwarding failed: Your handler at .*\/actions\/send_email refused the connection/,
    );
    expect(passed).toHaveLength(3);
  });
});
