// @vitest-environment happy-dom
// A bulk run to This companion went through its webhook, which forwarded each replay to the
// developer's handler: the run's lists named no handler per call, while a single replay's result
// did ("Forwarded to"). Each call of the list now names the handler the webhook said it
// forwarded that replay to, in the same phrase, its password as ***; a run straight to a handler
// names none (the Failed list's exact lines in bulk-replay-verdicts.test.tsx).
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { closedPort, handlerUrl, useHandler } from '../../helpers/handler-process';
import { renderLoaded, sendHistory } from './replay-kit';

const companion = useCompanion();
const handler = useHandler();
const PASSWORD = 'S3CRETpass';

/** send_email's three calls replayed to This companion, whose webhook forwards them to `target`; the dialog at the run's end. */
async function runThroughThisCompanion(target: string) {
  const c = await companion.restart({ core: { forwardTarget: target } });
  await sendHistory(c);
  const view = await renderLoaded(c);
  await view.user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'send_email');
  await waitFor(() => expect(document.querySelectorAll('[data-call-id]').length).toBeLessThan(4));
  await view.user.click(screen.getByRole('button', { name: 'Bulk replay…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Bulk replay' });
  await view.user.click(within(dialog).getByRole('button', { name: 'This companion' }));
  await view.user.click(await within(dialog).findByRole('button', { name: 'Replay these 3 calls' }));
  // A closed port stops the run after its three calls reach nobody: its end says so, not "Done".
  await view.user.click(await within(dialog).findByRole('button', { name: 'Failed 3' }));
  return within(within(dialog).getByRole('list', { name: 'Failed calls' })).getAllByTestId('bulk-item-forwarded-to');
}

describe("a bulk run through This companion's webhook names the handler behind it, per call", () => {
  it('when the handler answers 500', async () => {
    const target = handlerUrl(handler(), 'error500').replace('http://', `http://deploy:${PASSWORD}@`);
    const named = await runThroughThisCompanion(target);
    const expected = ` — forwarded to your handler at ${target.replace(PASSWORD, '***')}, behind this companion's webhook`;
    expect(named.map((span) => span.textContent)).toEqual([expected, expected, expected]);
    expect(document.body.textContent).not.toContain(PASSWORD);
  });

  it('when nothing listens where it forwards', async () => {
    const closed = `http://127.0.0.1:${await closedPort()}/actions/{action_name}`;
    const named = await runThroughThisCompanion(closed);
    expect(named[0]!.textContent).toBe(
      ` — forwarded to your handler at ${closed.replace('{action_name}', 'send_email')}, behind this companion's webhook`,
    );
    expect(named).toHaveLength(3);
  });
});
