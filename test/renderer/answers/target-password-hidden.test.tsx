// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { useHandler } from '../../helpers/handler-process';
import { openForwardedCall } from '../harness/forwarded-call';
import { openCall } from '../harness/render';

const handler = useHandler();
// A `serve --forward` given for the run: a token alone as the URL's user.
const companion = useCompanion(() => ({
  core: { forwardTarget: `http://tokenONLYsecret@127.0.0.1:${handler().port}/actions/{action_name}` },
}));

const SECRETS = /targetPWsecret|tokenONLYsecret/;

/**
 * The page as a screen share shows it: its text, its markup and every field's value, save the
 * one field where a person edits the saved target (`editField`), which holds the URL as saved.
 */
function shownOutside(editField: HTMLInputElement | null = null): string {
  const copy = document.body.cloneNode(true) as HTMLElement;
  if (editField) {
    const path: number[] = [];
    for (let node: Element = editField; node !== document.body; node = node.parentElement!)
      path.unshift([...node.parentElement!.children].indexOf(node));
    path.reduce<Element>((at, index) => at.children[index]!, copy).remove();
  }
  const values = [...document.querySelectorAll('input, textarea, select')]
    .filter((field) => field !== editField)
    .map((field) => (field as HTMLInputElement).value);
  return [copy.innerHTML, copy.textContent, ...values].join('\n');
}

// The page showed a target's password wherever it named the target (the Answers dialog, a
// call's "Forwarded to", the replay form's "Left empty, it goes to"), while the command line
// printed it as ***: the page is what gets screen-shared.
describe("a forward target's password on the page", () => {
  it('is *** in the call details, the replay form and the Answers dialog; only the field that edits the saved target holds it', async () => {
    const c = companion();
    const saved = `http://user:targetPWsecret@127.0.0.1:${handler().port}/actions/{action_name}`;
    const { pane, user } = await openForwardedCall(c, 'send_email', saved);
    const shown = `http://user:***@127.0.0.1:${handler().port}/actions/send_email`;
    expect(within(pane).getByTestId('forward-target').textContent).toBe(shown);
    expect((await within(pane).findByTestId('empty-target')).textContent).toBe(
      `Left empty, it goes to ${shown}, the forwarding target of send_email.`,
    );
    expect(shownOutside()).not.toMatch(SECRETS);

    await user.click(screen.getByRole('button', { name: 'Answers' }));
    const dialog = await screen.findByRole('dialog', { name: 'Answers' });
    const table = within(dialog).getByRole('table', { name: 'What answers each action' });
    await waitFor(() =>
      expect(within(table).getByRole('row', { name: /^send_email/ }).textContent).toContain(
        `your handler (http://user:***@127.0.0.1:${handler().port}/actions/{action_name})`,
      ),
    );
    const startup = `http://***@127.0.0.1:${handler().port}/actions/{action_name}`;
    expect(within(dialog).getByTestId('startup-forward-target').textContent).toBe(startup);
    // Opened on the call's action: its field holds the saved target as saved, to edit.
    const field = () => within(dialog).getByLabelText('Forward target URL') as HTMLInputElement;
    await waitFor(() => expect(field().value).toBe(saved));
    expect(shownOutside(field())).not.toMatch(SECRETS);

    const picker = within(dialog).getByRole('combobox', { name: 'Answers for' });
    await user.selectOptions(picker, 'Default for all actions');
    const mode = within(dialog).getByRole('combobox', { name: 'Answer mode' }) as HTMLSelectElement;
    await waitFor(() => expect(mode.options[0]!.textContent).toBe(`Not set: forward, as a target is set (${startup})`));
    expect(field().value).toBe('');
    expect(shownOutside()).not.toMatch(SECRETS);
  });

  it("is *** in the details of a call forwarded to the run's --forward", async () => {
    const c = companion();
    await c.send('lookup');
    const { pane } = await openCall(c.bridge, 1);
    expect(within(pane).getByTestId('forward-target').textContent).toBe(`http://***@127.0.0.1:${handler().port}/actions/lookup`);
    expect(shownOutside()).not.toMatch(SECRETS);
  });
});
