// @vitest-environment happy-dom
// A call the companion answered 502 for (its handler refused the connection), replayed straight
// to that handler, still down: no answer now is the original's outcome by another route, as
// `replay` says it, not a changed status, and the companion's stand-in header and body are no
// changes of the handler's.
import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { closedPort } from '../../helpers/handler-process';
import { openForwardedCall } from '../harness/forwarded-call';

const companion = useCompanion();

describe('replay straight to a handler still down', () => {
  it('says the status as the original outcome, not a change', async () => {
    const c = companion();
    const down = `http://127.0.0.1:${await closedPort()}/actions/{action_name}`;
    const { pane, user } = await openForwardedCall(c, 'send_email', down, { to: 'a@example.com' });
    await user.type(within(pane).getByLabelText('Replay target URL'), down.replace('{', '{{'));
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    const diff = within(result).getByRole('region', { name: 'Answer diff' });
    expect(diff.textContent).toContain("Status 502 → no answer (as the original's 502: your handler still cannot be reached)");
    expect(diff.textContent).not.toContain('(changed)');
    // The content-type and error body were the companion's stand-in for the handler: no answer of its own to compare.
    expect(within(diff).queryByRole('list', { name: 'Changed headers' })).toBeNull();
    expect(within(diff).queryByLabelText('Body diff')).toBeNull();
    expect(diff.textContent).not.toContain('content-type');
  });
});
