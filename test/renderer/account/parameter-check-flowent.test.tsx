// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { fetch } from 'undici';
import type { ActionCreate } from '../../../main/contract/api';
import { valueOf } from '../harness/companion';
import { otherClientSession } from '../harness/gateway';
import { renderApp, rowOf } from '../harness/render';
import { useActionsCompanion } from './actions-setup';

const { gateway, companion, actionInput, withActions } = useActionsCompanion();

/** Registers an action in Flowent as another client does (the Gateway's own API, with a session of its own). */
async function registerElsewhere(action: ActionCreate): Promise<void> {
  const jwt_token = await otherClientSession(gateway());
  const created = await fetch(`${gateway().baseUrl}/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt_token}` },
    body: JSON.stringify(action),
  });
  if (created.status !== 201 && created.status !== 200) throw new Error(`registering ${action.name}: ${created.status}`);
}

describe('parameter problems in the detail pane', () => {
  it('says that no schema is cached yet, and how to get one', async () => {
    // Registered in Flowent by another client: this companion has not seen its schema.
    const c = await withActions(companion());
    await registerElsewhere(actionInput('send_email'));
    // Flowent's registration check went to the handler: this call is the companion's first.
    await c.send('send_email', { subject: 7 });
    const { user } = renderApp(c.bridge);
    await user.click(await rowOf(1));
    const panel = await screen.findByTestId('parameter-check');
    expect(panel.textContent).toContain('no schema cached for send_email: open Account → Actions once online');
    expect(c.bridge.callsTo('checkParameters')).toEqual([[1]]);
    // Listing the actions (which caches their schemas) brings the check of the open call up to date.
    await user.click(within(panel).getByRole('button', { name: 'Account → Actions' }));
    expect(await screen.findByRole('dialog', { name: 'Flowent account' })).toBeTruthy();
    await waitFor(() => expect(c.bridge.callsTo('listActions')).toHaveLength(1));
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Parameter problems' }).textContent).toContain('parameters.recipient is missing'),
    );
  });

  // Online, "open Account → Actions once online" sent the reader to a listing that already left the action out.
  it('says an action missing from the last listing is not on Flowent, since when, and what to do', async () => {
    const c = await withActions(companion(), ['send_email']);
    valueOf(await c.api.listActions());
    await c.send('broken', { recipient: 'a@b.c' });
    const { user } = renderApp(c.bridge);
    await user.click(await rowOf(1));
    const panel = await screen.findByTestId('parameter-check');
    await waitFor(() =>
      expect(panel.textContent).toMatch(
        /^Parameters: Flowent's list of actions \(fetched .+\) does not include broken: register it in Account → Actions, or check the action name the call was sent with\.$/,
      ),
    );
    expect(panel.textContent).not.toContain('once online');
    await user.click(within(panel).getByRole('button', { name: 'Account → Actions' }));
    expect(await screen.findByRole('dialog', { name: 'Flowent account' })).toBeTruthy();
  });

  it('lists each parameter problem next to the signature verdict once the schema is cached', async () => {
    const c = await withActions(companion(), ['send_email']);
    await c.send('send_email', { subject: 7 });
    await c.send('send_email', { recipient: 'a@b.c' });
    await c.api.listActions();
    const { user } = renderApp(c.bridge);
    await user.click(await rowOf(1));
    const problems = await screen.findByRole('list', { name: 'Parameter problems' });
    expect([...problems.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'parameters.recipient is missing (the schema requires it).',
      'parameters.subject should be a string.',
    ]);
    await user.click(await rowOf(2));
    await waitFor(() => expect(screen.getByTestId('parameter-check').textContent).toContain('match the schema of send_email'));
  });
});
