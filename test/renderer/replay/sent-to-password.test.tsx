// @vitest-environment happy-dom
// A handler behind basic authentication is forwarded to with its password in the URL
// (`http://deploy:pw@host/...`). A replay's and a simulated call's result said "Sent to" that URL
// whole, password and all, where every other line the page and the command line write has it as
// `***`: a screenshot or a shared screen gave it away. A real core, a real handler child on port 0.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { editorIn } from '../harness/editor-kit';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { openForwardedCall } from '../harness/forwarded-call';
import { renderLoaded } from './replay-kit';

const companion = useCompanion();
const handler = useHandler();
const PASSWORD = 'S3ntTOpass';

/** The handler's URL for `action` with a user and password in it, as a saved target holds them. */
function withPassword(action: string): string {
  return handlerUrl(handler(), action).replace('http://', `http://deploy:${PASSWORD}@`);
}

describe("the 'Sent to' of a replay's and a simulated call's result", () => {
  it("writes a replay's target password as ***", async () => {
    const c = companion();
    const { pane, user } = await openForwardedCall(c, 'send_email', withPassword('{action_name}'));
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(result.textContent).toContain(`http://deploy:***@127.0.0.1:${handler().port}/actions/send_email`);
    expect(result.textContent).not.toContain(PASSWORD);
  });

  it("writes a simulated call's target password as ***", async () => {
    const c = companion();
    await c.api.setForwardTarget('send_email', withPassword('{action_name}'));
    await c.send('send_email', {});
    await c.api.saveSimulatorAction('send_email', JSON.stringify({ type: 'object', properties: {} }));
    const { user } = await renderLoaded(c);
    await user.click(screen.getByRole('button', { name: 'Simulate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    await waitFor(() => expect(editorIn(dialog).state.doc.toString()).toContain('{'));
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    const result = await within(dialog).findByRole('region', { name: 'Simulator result' });
    expect(result.textContent).toContain(`http://deploy:***@127.0.0.1:${handler().port}/actions/send_email`);
    expect(result.textContent).not.toContain(PASSWORD);
  });
});
