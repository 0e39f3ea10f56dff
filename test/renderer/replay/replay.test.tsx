// @vitest-environment happy-dom
import type { Har } from '../../../main/core/replay/har-export';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, valueOf } from '../harness/companion';
import { handlerUrl, rawHeader, useHandler } from '../../helpers/handler-process';
import { openCall } from '../harness/render';
import { openForwardedCall } from '../harness/forwarded-call';

const companion = useCompanion();
const handler = useHandler();

describe('replay from the detail pane', () => {
  it('replays re-signed to the given target and shows the result and the diff beside the original', async () => {
    const c = companion();
    await c.send('send_email', { to: 'a@example.com' });
    const { pane, user } = await openCall(c.bridge, 1);
    const target = handlerUrl(handler(), '{action_name}');
    await user.type(within(pane).getByLabelText('Replay target URL'), target.replace('{', '{{'));
    await user.click(within(pane).getByRole('button', { name: 'Replay re-signed' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(c.bridge.callsTo('replayCall')).toEqual([[1, 'resign', target, null]]);
    expect(result.textContent).toContain('#2');
    expect(result.textContent).toContain('200');
    // The companion answered Flowent with its default mock; the handler answers otherwise.
    expect(result.textContent).toContain('changed');
    expect(result.textContent).toContain(handlerUrl(handler(), 'send_email'));
    const diff = within(result).getByRole('region', { name: 'Answer diff' });
    expect(diff.textContent).toContain('-   "result": "ok",');
    expect(diff.textContent).toContain('+   "result": "handled send_email",');
    expect(diff.textContent).toContain('x-handler: (none) → yes');
    // The handler received the call itself.
    const received = await handler().received();
    expect(JSON.parse(received.at(-1)!.body.toString()).parameters).toEqual({ to: 'a@example.com' });
    // The replay is stored as a new call and can be opened.
    await waitFor(() => expect(document.querySelector('[data-call-id="2"]')).not.toBeNull());
    await user.click(within(result).getByRole('button', { name: 'Open replay' }));
    await waitFor(() => expect(c.bridge.callsTo('getCall')).toContainEqual([2]));
    await waitFor(() => expect(within(screen.getByRole('complementary', { name: 'Call details' })).getByText('#1')).toBeTruthy());
  });

  it('replays as is to the forwarding target (no target given) and reports passed for the same answer', async () => {
    const c = companion();
    const { pane, user } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), '{action_name}'));
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(c.bridge.callsTo('replayCall')).toEqual([[1, 'as-is', null, null]]);
    expect(result.textContent).toContain('passed');
    expect(result.textContent).toContain('not re-signed');
    expect(within(result).getByRole('region', { name: 'Answer diff' }).textContent).toContain('same as the original');
  });

  // A handler guarding against replays refuses the original bytes by design: the result says why, and how to send it as Flowent would now.
  it('says a replay as is carried the original signature when a replay-guarding handler refuses it', async () => {
    const c = companion();
    const { pane, user } = await openForwardedCall(c, 'replay_guard', handlerUrl(handler(), '{action_name}'));
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(within(result).getByRole('note', { name: 'Original signature' }).textContent).toBe(
      "Replayed with the original's signature and timestamp, which a handler that refuses replays or old timestamps rejects. Use Replay re-signed to send it as Flowent would now, with a fresh timestamp and signature.",
    );
    await user.click(within(pane).getByRole('button', { name: 'Replay re-signed' }));
    // The as-is result says "not re-signed" too: wait for the re-signed one's style, not for words both have.
    await waitFor(() => expect(within(pane).getByRole('region', { name: 'Replay result' }).textContent).toContain('re-signed ('));
    const resigned = within(pane).getByRole('region', { name: 'Replay result' });
    expect(within(resigned).queryByRole('note', { name: 'Original signature' })).toBeNull();
  });

  it('shows a failed replay with its violations', async () => {
    const c = companion();
    await c.send('send_email');
    const { pane, user } = await openCall(c.bridge, 1);
    await user.type(within(pane).getByLabelText('Replay target URL'), handlerUrl(handler(), 'error500'));
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(result.textContent).toContain('failed');
    // In the contract's words, without its codes (not-2xx, result-missing...).
    const problems = within(within(result).getByLabelText('Replay problems')).getAllByRole('listitem');
    expect(problems[0]!.textContent).toMatch(/^Your handler answered 500; Flowent treats anything but 2xx as a failed action/);
    for (const problem of problems) expect(problem.textContent).toMatch(/^Your handler /);
    expect(result.textContent).not.toMatch(/not-2xx|result-missing/);
    expect(within(result).getByRole('region', { name: 'Answer diff' }).textContent).toContain('Status 200 → 500 (changed)');
  });

  it('says a handler’s failure to answer once, in the contract check’s words, as the simulator does', async () => {
    const c = companion();
    await c.send('send_email');
    const { pane, user } = await openCall(c.bridge, 1);
    await user.type(within(pane).getByLabelText('Replay target URL'), handlerUrl(handler(), 'reset'));
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    // Headed as the call's details head it: nothing answered, so no problem with an answer.
    const [problem] = within(within(result).getByLabelText('Your handler never answered')).getAllByRole('listitem');
    expect(problem!.getAttribute('data-code')).toBe('no-answer');
    expect((result.textContent ?? '').split(problem!.textContent!).length - 1).toBe(1);
  });

  it("says a replay this companion's webhook refused for its body was refused, and why, in a call line's words", async () => {
    const c = companion();
    expect((await c.send('send_email', {}, { extra: { parameters: undefined } })).status).toBe(400);
    const { pane, user } = await openCall(c.bridge, 1);
    await user.type(within(pane).getByLabelText('Replay target URL'), `${c.baseUrl}/actions/send_email`);
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    expect(within(result).getByTestId('replay-verdict').textContent).toBe('failed: refused: no parameters');
    // Nothing answered to check: no "this companion answered 400" among its problems.
    expect(within(result).getByLabelText('Replay problems').textContent).toBe('Replay problems: none');
  });

  it("says in the result that the credentials an export redacted were not sent, in the words of the replay's record", async () => {
    const c = companion();
    // A call with credentials, exported (redacted) and imported back: call #2 carries Authorization: [redacted].
    await c.send('send_email', {}, { headers: { authorization: 'Bearer real', 'x-api-key': 'k' } });
    const har = JSON.parse(valueOf(await c.core.api.exportHar({ ids: [1] })).text!) as Har;
    // An hour later: the same call at the same time would be left out as imported before.
    for (const entry of har.log.entries) entry.startedDateTime = new Date(Date.parse(entry.startedDateTime) + 3_600_000).toISOString();
    valueOf(await c.core.api.importHar(JSON.stringify(har)));
    const { pane, user } = await openCall(c.bridge, 2);
    await user.type(within(pane).getByLabelText('Replay target URL'), handlerUrl(handler(), 'send_email'));
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    const note = within(result).getByRole('note', { name: 'Not sent' });
    const recorded = (await c.api.getCall(3))!.problemMessage!;
    expect(recorded).toContain('authorization, x-api-key');
    expect(note.textContent).toBe(`Not sent: ${recorded}`);
    const [sent] = await handler().received();
    expect(rawHeader(sent!.headers, 'authorization')).toEqual([]);
  });

  it('shows the core refusal inline', async () => {
    const c = companion();
    await c.send('send_email');
    const { pane, user } = await openCall(c.bridge, 1);
    await user.click(within(pane).getByRole('button', { name: 'Replay re-signed' }));
    const alert = await within(pane).findByRole('alert', { name: 'Replay error' });
    expect(alert.textContent).toContain(
      'There is no handler to send action send_email to. Give a target URL here, or set a forwarding target for send_email in Answers, ' +
        'or choose "This companion" for the companion to answer it as it answers Flowent.',
    );
    expect(within(pane).queryByRole('region', { name: 'Replay result' })).toBeNull();
  });

  it('copies the call as cURL, as is and re-signed', async () => {
    const c = companion();
    await c.send('send_email', {}, { key: 'another-key' });
    const { pane, user } = await openCall(c.bridge, 1);
    const original = JSON.parse((await c.api.getCall(1))!.requestBody).signature as string;
    await user.click(within(pane).getByRole('button', { name: 'Copy as cURL' }));
    await screen.findByText('Copied');
    await expect(navigator.clipboard.readText()).resolves.toContain(`"signature":"${original}"`);
    await user.click(within(pane).getByRole('button', { name: 'Copy as cURL, re-signed' }));
    await waitFor(async () => expect(await navigator.clipboard.readText()).not.toContain(original));
    expect(await navigator.clipboard.readText()).toContain('"signature":"');
    expect(c.bridge.callsTo('copyAsCurl')).toEqual([
      [1, false, null],
      [1, true, null],
    ]);
  });
});
