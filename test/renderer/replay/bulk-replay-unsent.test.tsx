// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { listed, openBulkFor, openBulkWithOneTarget, sendHistory } from './replay-kit';

const companion = useCompanion();
const handler = useHandler();

// With the target left empty, the calls of an action with no handler are not sent, as the note
// above the button says. The button said "Replay these N calls" all the same: pressed with
// none of them able to go, it met the core's refusal; with some, it replayed fewer than it said.
describe("bulk replay's button, with the target left empty", () => {
  it('is unavailable, the note saying why, when none of the calls has anywhere to go; a target makes it available', async () => {
    const c = companion();
    await sendHistory(c);
    const { dialog, user } = await openBulkFor(c, 'create_ticket');
    const start = (await within(dialog).findByRole('button', { name: 'Replay this call' })) as HTMLButtonElement;
    const note = await within(dialog).findByRole('note', { name: 'Calls not sent' });
    expect(start.disabled).toBe(true);
    expect(start.getAttribute('aria-describedby')).toBe(note.id);
    await user.click(within(dialog).getByRole('button', { name: 'This companion' }));
    expect(start.disabled).toBe(false);
    expect(start.getAttribute('aria-describedby')).toBeNull();
    const field = within(dialog).getByLabelText('Bulk replay target URL');
    await user.clear(field);
    expect(start.disabled).toBe(true);
    // Enter in a field sends nothing either, nor asks the core.
    await user.type(within(dialog).getByRole('spinbutton'), '{Enter}');
    expect(c.bridge.callsTo('startBulkReplay')).toHaveLength(0);
    await user.type(field, handlerUrl(handler(), 'ok'));
    expect(start.disabled).toBe(false);
  });

  it('says how many of the calls it replays when some have nowhere to go', async () => {
    const { dialog, start, user } = await openBulkWithOneTarget(companion(), handlerUrl(handler(), 'ok'));
    expect(start.disabled).toBe(false);
    expect(start.getAttribute('aria-describedby')).toBe(within(dialog).getByRole('note', { name: 'Calls not sent' }).id);
    await user.type(within(dialog).getByLabelText('Bulk replay target URL'), handlerUrl(handler(), 'ok'));
    expect(within(dialog).getByRole('button', { name: 'Replay these 4 calls' })).toBe(start);
    expect(start.getAttribute('aria-describedby')).toBeNull();
  });
});

describe('bulk replay: calls with nowhere to go', () => {
  // Calls never sent were counted Failed, the done line called them replayed, and nothing warned before the run.
  it('names the actions with no target before it starts, and counts their calls Not sent, apart from Failed', async () => {
    // send_email, the first call's action, has no target: it refused the whole run before.
    const { dialog, start, user } = await openBulkWithOneTarget(companion(), handlerUrl(handler(), 'ok'));
    const warning = await within(dialog).findByRole('note', { name: 'Calls not sent' });
    expect(warning.textContent).toBe(
      'Left empty, the calls of send_email are not sent: that action has no handler to send to (no forwarding target, or the companion ' +
        'answers them itself). Give a target URL, choose "This companion", or set a forwarding target in Answers.',
    );
    // A URL sends every call: nothing to warn of.
    const field = within(dialog).getByLabelText('Bulk replay target URL');
    await user.type(field, 'http://127.0.0.1:9/x');
    expect(within(dialog).queryByRole('note', { name: 'Calls not sent' })).toBeNull();
    await user.clear(field);
    expect(within(dialog).getByRole('note', { name: 'Calls not sent' })).toBeTruthy();
    await user.click(start);
    await waitFor(() => expect(dialog.textContent).toContain('Done: 1 of 4 calls replayed, 3 not sent.'));
    expect(within(dialog).queryByRole('alert', { name: 'Bulk replay error' })).toBeNull();
    expect((within(dialog).getByRole('button', { name: 'Failed 0' }) as HTMLButtonElement).disabled).toBe(true);
    const why =
      'No target for send_email: set a forwarding target for send_email in Answers (press a), or give a target URL (or choose This companion) in a new bulk replay';
    expect(await listed(dialog, user, 'Not sent 3', 'Calls not sent')).toEqual([
      `Call #1: not sent — ${why}`,
      `Call #2: not sent — ${why}`,
      `Call #3: not sent — ${why}`,
    ]);
    expect(await listed(dialog, user, 'Passed with a changed answer 1', 'Calls passed with a changed answer')).toEqual([
      'Call #4 → replay #5: 200 — The body and headers changed',
    ]);
  });

  it("a companion's webhook with no target says where the page sets one, not the command line's step", async () => {
    const c = companion();
    await sendHistory(c);
    await c.api.setAnswerMode('send_email', 'forward');
    const { dialog, user } = await openBulkFor(c, 'send_email');
    await user.click(within(dialog).getByRole('button', { name: 'This companion' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Replay these 3 calls' }));
    await waitFor(() => expect(dialog.textContent).toContain('Done: 3 of 3 calls replayed.'));
    const lines = await listed(dialog, user, 'Failed 3', 'Failed calls');
    expect(lines[0]).toBe(
      "Call #1 → replay #5: 200 → 502 — This companion's webhook has no forwarding target for send_email: set a forwarding target for send_email in Answers (press a)",
    );
    expect(lines.join('\n')).not.toMatch(/flowent-companion|--forward/);
  });
});
