// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { openCall } from '../harness/render';
import { openForwardedCall } from '../harness/forwarded-call';
import { TARGET_PLACEHOLDER } from '../../../renderer/src/replay/TargetField';

const companion = useCompanion();
const handler = useHandler();

// The replay target field said only "empty: the action's forwarding target, when one is set"
// (cut at 1024 px), never which one: a line under it names where an empty field sends this call.
describe('where an empty replay target sends the call', () => {
  it("names the action's forwarding target, filled in, and follows a change of it", async () => {
    const c = companion();
    const { pane } = await openForwardedCall(c, 'charge_card', handlerUrl(handler(), '{action_name}'));
    const field = within(pane).getByLabelText('Replay target URL');
    const note = await within(pane).findByTestId('empty-target');
    expect(note.textContent).toBe(`Left empty, it goes to ${handlerUrl(handler(), 'charge_card')}, the forwarding target of charge_card.`);
    expect(field.getAttribute('aria-describedby')).toBe(note.id);

    // Changed elsewhere (the Answers dialog, another page, the command line): the line follows.
    await c.api.setForwardTarget('charge_card', handlerUrl(handler(), 'ok'));
    await waitFor(() => expect(note.textContent).toContain(`it goes to ${handlerUrl(handler(), 'ok')},`));
    // Its target removed, its mode is still forward: a replay would find no handler.
    await c.api.setForwardTarget('charge_card', null);
    await waitFor(() =>
      expect(note.textContent).toBe('Left empty, nothing is sent: charge_card forwards, but no forwarding target is set.'),
    );
  });

  // It said "answered by its mock" of an action with no mock, which the built-in answer answers.
  it('says nothing is sent, and which answer answers instead: the built-in one, or the mock', async () => {
    const c = companion();
    await c.send('send_email');
    const { pane } = await openCall(c.bridge, 1);
    expect((await within(pane).findByTestId('empty-target')).textContent).toBe(
      'Left empty, nothing is sent: send_email is answered by the built-in answer {"result":"ok","error":""}, not a handler. ' +
        'Choose "This companion" for that answer.',
    );
    expect((await c.api.setMock('send_email', '{"status": 200, "body": {"result": "sent", "error": ""}}', 'json')).ok).toBe(true);
    await waitFor(async () =>
      expect((await within(pane).findByTestId('empty-target')).textContent).toContain(
        'send_email is answered by its own mock, not a handler',
      ),
    );
  });

  // The line said where an empty field sends the call while the field held "This companion"'s URL.
  it('is gone once the field holds a URL, and back when it is emptied', async () => {
    const c = companion();
    await c.send('send_email');
    const { pane, user } = await openCall(c.bridge, 1);
    const field = within(pane).getByLabelText('Replay target URL');
    await within(pane).findByTestId('empty-target');
    await user.click(within(pane).getByRole('button', { name: 'This companion' }));
    expect((field as HTMLInputElement).value).toContain('/actions/{action_name}');
    expect(within(pane).queryByTestId('empty-target')).toBeNull();
    expect(field.getAttribute('aria-describedby')).toBeNull();
    await user.clear(field);
    expect(await within(pane).findByTestId('empty-target')).toBeTruthy();
  });

  it('keeps the placeholder short enough for the field at 1024 px', () => {
    expect(TARGET_PLACEHOLDER.length).toBeLessThanOrEqual(40);
  });
});
