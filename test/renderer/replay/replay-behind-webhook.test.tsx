// @vitest-environment happy-dom
// A replay sent to "This companion" goes to the companion's own webhook, which forwards it to
// the action's handler: the result said only "Sent to" the webhook's URL, never which handler
// answered or refused behind it. It names that handler as the command line's line and a bulk
// run's end do, its password as ***. A real core and webhook on port 0, a real handler child
// answering 500, a port listened on then closed.
import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { closedPort, useHandler } from '../../helpers/handler-process';
import { openForwardedCall } from '../harness/forwarded-call';

const companion = useCompanion();
const handler = useHandler();
const PASSWORD = 'S3CRETpass';

/** Forwards `action` to `origin` with a password, sends one call of it, replays it as is to "This companion": the result. */
async function replayedToThisCompanion(origin: string, action: string) {
  const c = companion();
  const target = `${origin.replace('http://', `http://deploy:${PASSWORD}@`)}/actions/{action_name}`;
  const { pane, user } = await openForwardedCall(c, action, target);
  await user.click(within(pane).getByRole('button', { name: 'This companion' }));
  await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
  const result = await within(pane).findByRole('region', { name: 'Replay result' });
  return { c, result };
}

describe("a replay's result through this companion's webhook", () => {
  it('names the handler that answered behind it', async () => {
    const origin = `http://127.0.0.1:${handler().port}`;
    const { c, result } = await replayedToThisCompanion(origin, 'error500');
    expect(within(result).getByTestId('sent-status').textContent).toBe('500');
    expect(result.textContent).toContain(`${c.baseUrl}/actions/error500`);
    expect(within(result).getByTestId('forwarded-to').textContent).toBe(
      `your handler at http://deploy:***@127.0.0.1:${handler().port}/actions/error500, behind this companion's webhook`,
    );
    expect(result.textContent).not.toContain(PASSWORD);
  });

  it('names the handler that refused the connection behind it', async () => {
    const origin = `http://127.0.0.1:${await closedPort()}`;
    const { result } = await replayedToThisCompanion(origin, 'send_email');
    expect(within(result).getByTestId('sent-status').textContent).toBe('502');
    expect(within(result).getByTestId('forwarded-to').textContent).toBe(
      `your handler at ${origin.replace('http://', 'http://deploy:***@')}/actions/send_email, behind this companion's webhook`,
    );
    expect(result.textContent).not.toContain(PASSWORD);
  });

  it('names none when the replay went straight to the handler', async () => {
    const c = companion();
    const { pane, user } = await openForwardedCall(c, 'error500', `http://127.0.0.1:${handler().port}/actions/{action_name}`);
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(within(result).queryByTestId('forwarded-to')).toBeNull();
    expect(within(result).getByTestId('sent-status').textContent).toBe('500');
  });
});
