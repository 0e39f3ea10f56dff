// @vitest-environment happy-dom
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { formatDuration } from '../../../renderer/src/shared/format';
import { KEY, useCompanion } from '../harness/companion';
import { openCall } from '../harness/render';
import { openForwardedCall } from '../harness/forwarded-call';
import { closedPort, handlerUrl, useHandler } from '../../helpers/handler-process';

const companion = useCompanion();
const handler = useHandler();

const BODY = '{"action_name":"send_email","parameters":{"to":"é","n":1.0},"timestamp":1645123456,"signature":"abc"}';

const hmac = (key: string, text: string) => createHmac('sha256', key).update(text).digest('hex');

/** A payload with its parameters out of sorted order, and the bytes of the two ways of signing it. */
function unsortedPayload(timestamp = Math.floor(Date.now() / 1000)) {
  const payload = { action_name: 'send_email', parameters: { b: 1, a: 2 }, timestamp };
  return {
    payload,
    asSent: JSON.stringify(payload),
    sorted: `{"action_name":"send_email","parameters":{"a":2,"b":1},"timestamp":${timestamp}}`,
  };
}

const PYTHON = 'Python example (as sent, ASCII escapes)';
const GO = 'Go example (sorted keys, Go escaping)';
const RAW = 'Raw body bytes (signature member cut out)';

describe('detail pane', () => {
  it('shows request headers, the body pretty and coloured with literals kept, raw, hex, and the answer', async () => {
    const c = await companion.restart({ core: { enforceSignatures: true } });
    await c.post('/actions/send_email', BODY, { 'x-request-id': 'req-42' });
    const stored = await c.api.getCall(1);
    const { pane, user } = await openCall(c.bridge, 1);
    expect(c.bridge.callsTo('getCall')).toEqual([[1]]);
    const headers = within(pane).getByRole('table', { name: 'Request headers' });
    expect(within(headers).getByText('x-request-id')).toBeTruthy();
    expect(within(headers).getByText('req-42')).toBeTruthy();

    const pretty = within(pane).getByLabelText('Request body');
    expect(pretty.textContent).toContain('"parameters": {\n    "to": "é",\n    "n": 1.0\n  }');
    expect(pretty.querySelector('.tok-key')?.textContent).toBe('"action_name"');
    expect([...pretty.querySelectorAll('.tok-number')].map((n) => n.textContent)).toEqual(['1.0', '1645123456']);

    await user.click(within(pane).getByRole('tab', { name: 'Raw' }));
    expect(within(pane).getByLabelText('Raw request body').textContent).toBe(BODY);
    await user.click(within(pane).getByRole('tab', { name: 'Hex' }));
    const hex = within(pane).getByLabelText('Request body bytes (hex)').textContent ?? '';
    expect(hex.startsWith('00000000  7b 22 61 63 74 69 6f 6e')).toBe(true);
    expect(hex).toContain('c3 a9'); // é as UTF-8 bytes

    // Signatures are enforced: the signature check refused the call.
    const answer = within(pane).getByRole('region', { name: 'Answer' });
    expect(within(answer).getByText('401')).toBeTruthy();
    expect(within(answer).getByText('Content-Type')).toBeTruthy();
    expect(JSON.parse(within(answer).getByLabelText('Answer body').textContent ?? '')).toEqual(JSON.parse(stored!.response.body));
    expect(within(pane).getByTestId('answered-by').textContent).toBe(
      "this companion's 401, refusing a call without a valid signature (signatures are enforced)",
    );
    expect(pane.textContent).toContain(formatDuration(stored!.durationMs));

    await user.click(within(pane).getByRole('button', { name: 'Copy request body' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(BODY);
    await screen.findByText('Copied');
  });

  it('says a body refused unread (over the limit) was not kept, instead of showing an empty body', async () => {
    const c = companion();
    const body = `{"action_name":"send_email","parameters":{"x":"${'a'.repeat(1_100_000)}"}}`;
    await c.post('/actions/send_email', body);
    const { pane } = await openCall(c.bridge, 1);
    const request = within(pane).getByRole('region', { name: 'Request' });
    expect(request.textContent).toContain('The body (1.05 MB) was refused before it was read, so it was not kept.');
    expect(request.textContent).not.toContain('(empty body)');
  });

  it('signature panel: no match, expected vs received, diagnosis, signed bytes and the difference marker', async () => {
    // The key set here ends with a space; Flowent signs with the key as it is meant to be.
    const c = await companion.restart({ key: `${KEY} ` });
    const { payload, asSent, sorted } = unsortedPayload(Math.floor(Date.now() / 1000) - 420);
    const received = hmac(KEY, asSent);
    await c.post('/actions/send_email', JSON.stringify({ ...payload, signature: received }));
    const { pane, user } = await openCall(c.bridge, 1);
    // The verdict first, with its cause and what to do; said once.
    const verdict = within(pane).getByTestId('verdict-line');
    expect(verdict.textContent).toMatch(
      new RegExp(
        '^Invalid signature\\. The signature matches the python style with the key trimmed: the stored key has leading or trailing whitespace or a newline\\. ' +
          "The call's timestamp is 7 min old, past the 5-minute window\\. " +
          'What to do: Fix the stored key: paste it again without surrounding spaces or line breaks\\.$',
      ),
    );
    expect(within(pane).getAllByText(/with the key trimmed/)).toHaveLength(1);

    const panel = within(pane).getByRole('region', { name: 'Signature' });
    expect(within(panel).getByTestId('matched-style').textContent).toBe('No signing style matched (13 tried).');
    expect(within(panel).getByTestId('received-signature').textContent).toBe(received);
    // Styles that signed the same bytes share a row: here the ones that keep the order as sent, and the ones that sort.
    const table = within(panel).getByRole('table', { name: 'Expected signature per style' });
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual([
      `${PYTHON} and 3 more styles (same bytes)${hmac(`${KEY} `, asSent)}Copy✗`,
      `${GO} and 8 more styles (same bytes)${hmac(`${KEY} `, sorted)}Copy✗`,
    ]);
    await user.click(within(panel).getByRole('button', { name: 'Show every style (13)' }));
    const every = within(panel).getByRole('table', { name: 'Every style' });
    const rows = within(every).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(13);
    expect(rows[0]!.textContent).toBe(`${PYTHON}${hmac(`${KEY} `, asSent)}Copy✗`);
    expect(rows[1]!.textContent).toBe(`${GO}${hmac(`${KEY} `, sorted)}Copy✗`);
    expect(within(panel).queryByRole('list', { name: 'More findings' })).toBeNull();
    expect(within(panel).getByTestId('timestamp-age').textContent).toContain('sent 7 min before it arrived');
    expect(within(panel).getByTestId('timestamp-age').textContent).toContain('old: past the 5-minute window');

    // No match: the first style's bytes, compared with the first style that differs; only
    // the differing part is marked, not everything after it.
    const shown = within(panel).getByLabelText(`Signed bytes: ${PYTHON}`);
    expect(shown.textContent).toBe(asSent);
    const marks = within(panel).getAllByTestId('diff-mark');
    expect(marks.map((m) => m.textContent)).toEqual(['b":1,"a":2', 'a":2,"b":1']);
    const at = asSent.indexOf('b":1');
    expect(within(panel).getByRole('note').textContent).toBe(`Differs from ${GO} at characters ${at + 1}–${at + 10} (marked).`);

    // Comparing two identical texts marks nothing.
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Compare with style' }), 'raw');
    expect(within(panel).queryAllByTestId('diff-mark')).toHaveLength(0);
    expect(within(panel).getByRole('note').textContent).toBe(`Identical to ${RAW}.`);

    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Style shown' }), 'go');
    expect(within(panel).getByLabelText(`Signed bytes: ${GO}`).textContent).toBe(sorted);
  });

  it('shows the matched style and its signed bytes first for a valid call', async () => {
    const c = companion();
    const { payload, sorted } = unsortedPayload();
    await c.post('/actions/send_email', JSON.stringify({ ...payload, signature: hmac(KEY, sorted) }));
    const { pane } = await openCall(c.bridge, 1);
    const panel = within(pane).getByRole('region', { name: 'Signature' });
    expect(within(panel).getByTestId('matched-style').textContent).toBe(`Matched style: ${GO}`);
    expect((within(panel).getByRole('combobox', { name: 'Style shown' }) as HTMLSelectElement).value).toBe('go');
    const shown = panel.querySelectorAll('pre.canonical');
    expect(shown[0]!.getAttribute('aria-label')).toBe(`Signed bytes: ${GO}`);
    expect(shown[0]!.textContent).toBe(sorted);
    expect(within(panel).getByRole('cell', { name: 'matches' }).textContent).toBe('✓');
  });

  it("says how old a valid call's timestamp is in the same words in its verdict line and its signature panel", async () => {
    const c = companion();
    // Sent 30 days after it was stamped: a replayed or captured call.
    const { payload, sorted } = unsortedPayload(Math.floor(Date.now() / 1000) - 30 * 86_400);
    await c.post('/actions/send_email', JSON.stringify({ ...payload, signature: hmac(KEY, sorted) }));
    const { pane } = await openCall(c.bridge, 1);
    expect(within(pane).getByTestId('verdict-line').textContent).toContain(
      "The call's timestamp is 30 days old, past the 5-minute window.",
    );
    expect(within(pane).getByTestId('timestamp-age').textContent).toBe(
      'Timestamp: sent 30 days before it arrived (old: past the 5-minute window)',
    );
  });

  it('a valid call whose other styles could not be filled in says "(not computed)" and why, not "(no key)"', async () => {
    const c = companion();
    // Keys out of order and non-ASCII text: the raw bytes are signed by neither of the styles
    // computed before the match (Python escapes "é", Go sorts), so raw's digest needs the key.
    const timestamp = Math.floor(Date.now() / 1000);
    const payload = { action_name: 'send_email', parameters: { b: 'é', a: 2 }, timestamp };
    const sorted = JSON.stringify({ action_name: 'send_email', parameters: { a: 2, b: 'é' }, timestamp });
    await c.post('/actions/send_email', JSON.stringify({ ...payload, signature: hmac(KEY, sorted) }));
    // Checking stopped at the first style that matched; the key it was checked with is gone since.
    await c.api.setHmacKey('a-new-key');
    const { pane, user } = await openCall(c.bridge, 1);
    const panel = within(pane).getByRole('region', { name: 'Signature' });
    // Folded, a valid call shows its matched style alone: no wall of crosses.
    expect(within(panel).getByRole('table', { name: 'Expected signature per style' }).textContent).not.toContain('✗');
    await user.click(within(panel).getByRole('button', { name: 'Show every style (13)' }));
    const rawRow = within(panel).getByRole('cell', { name: RAW }).closest('tr')!;
    expect(within(rawRow).getByText('(not computed)')).toBeTruthy();
    expect(within(panel).queryByText('(no key)')).toBeNull();
    expect(within(panel).getByRole('list', { name: 'More findings' }).textContent).toContain('the HMAC key has changed since');
    // A valid call's bytes are shown without a comparison that would mark them.
    expect(within(panel).queryAllByTestId('diff-mark')).toHaveLength(0);
  });

  it('without a key, the signature details agree with the verdict: nothing tried, why, and what to do; the header counts "1 call"', async () => {
    const c = await companion.restart({ key: null });
    await c.send('send_email', {}, { key: KEY });
    const { pane } = await openCall(c.bridge, 1);
    expect(within(pane).getByTestId('verdict-line').textContent).toMatch(
      /^Signature not checked\. The call is signed, but no HMAC key was set when it arrived\./,
    );
    const panel = within(pane).getByRole('region', { name: 'Signature' });
    expect(within(panel).getByTestId('matched-style').textContent).toBe(
      'Not checked: no HMAC key was set when this call arrived, so no signing style was tried.',
    );
    expect(within(panel).getByTestId('not-tried-hint').textContent).toBe(
      'What to do: Set the key in Settings > HMAC key (copy it from Gateway Management > HMAC Keys), ' +
        'then replay this call to this companion: the replay is checked against every style.',
    );
    // Nothing was compared: no table of "(no key)" and crosses, no comparison marking the bytes.
    expect(panel.textContent).not.toMatch(/tried\)|\(no key\)|✗/);
    expect(within(panel).queryByRole('table')).toBeNull();
    expect(within(panel).queryByRole('button', { name: /Show every style/ })).toBeNull();
    expect(within(panel).queryAllByTestId('diff-mark')).toHaveLength(0);
    // The signed bytes per style are still there to look at.
    expect(within(panel).getByRole('combobox', { name: 'Style shown' })).toBeTruthy();

    const counts = [...screen.getByLabelText('Call counts').children].map((span) => span.textContent);
    expect(counts).toEqual(['1 call', '0 failures']);
  });

  it('without a key, a call refused for its request is not told to set the key and replay: the replay would be refused again', async () => {
    const c = await companion.restart({ key: null });
    // Signed, but with no parameters: refused for that, whatever its signature.
    const timestamp = Math.floor(Date.now() / 1000);
    await c.post('/actions/send_email', JSON.stringify({ action_name: 'send_email', timestamp, signature: hmac(KEY, 'x') }));
    const { pane } = await openCall(c.bridge, 1);
    expect(within(pane).getByTestId('verdict-line').textContent).toMatch(/^Request refused: /);
    const panel = within(pane).getByRole('region', { name: 'Signature' });
    expect(within(panel).getByTestId('matched-style').textContent).toMatch(/^Not checked: no HMAC key was set/);
    expect(within(panel).queryByTestId('not-tried-hint')).toBeNull();
  });

  it('a valid signature names the style that matched, and says when every style signs the same bytes', async () => {
    const c = companion();
    // ASCII only, keys in order: every style signs the same bytes, so a replay "signed go" is this call too.
    await c.send('send_email', { to: 'a@example.com' });
    const { pane } = await openCall(c.bridge, 1);
    expect(within(pane).getByTestId('verdict-line').textContent).toBe(
      'Valid signature: Python example (as sent, ASCII escapes), like every style (they sign these bytes alike).',
    );
  });

  it('a valid signature whose bytes only some styles sign alike does not claim every style', async () => {
    const c = companion();
    await c.send('send_email', { city: 'Zürich', note: '<b>' });
    const { pane } = await openCall(c.bridge, 1);
    const line = within(pane).getByTestId('verdict-line').textContent ?? '';
    expect(line).toMatch(/^Valid signature: .+ and \d+ more styles? that sign these bytes alike\.$/);
    expect(line).not.toContain('every style');
  });

  it('explains registration checks', async () => {
    const c = companion();
    await c.send('send_email', {}, { key: null, extra: { test: true } });
    const { pane } = await openCall(c.bridge, 1);
    // Answered 200, it passed: how, and nothing to do.
    expect(within(pane).getByTestId('verdict-line').textContent).toBe(
      "Flowent's registration check arrived without a signature, as its docs show it. Any 2xx answer passes it, with no signature to check.",
    );
    // Unsigned: nothing to compare, so no table of crosses.
    expect(within(pane).queryByRole('table', { name: 'Expected signature per style' })).toBeNull();
    expect(within(pane).getByTestId('matched-style').textContent).toBe('Not signed: there is nothing to match.');
  });

  // A check that failed leads with the failure: its missing signature, being as Flowent sends it, comes after as no cause.
  it('leads a registration check that was not passed with why it failed, then how to answer it', async () => {
    const c = companion();
    // A handler that answers the check 400: Flowent would not register the action.
    const { pane } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), 'reg_fail'), {}, { key: null, extra: { test: true } });
    const line = within(pane).getByTestId('verdict-line');
    expect(line.textContent).toBe(
      "Registration check failed: answered 400, and only a 2xx answer passes it. Flowent's registration check arrived without a signature, as its docs show it. What to do: Answer it with any 2xx status (its 400 answer below may say why it did not).",
    );
    expect(line.className).toContain('tone-bad');
  });

  // The signature's advice is for a handler that refused the check for wanting one, not for one that never answered.
  it('says to stop requiring a signature on the check only when the handler refused it for one', async () => {
    const c = companion();
    const refused = await openForwardedCall(
      c,
      'send_email',
      handlerUrl(handler(), 'refuses_signatures'),
      {},
      { key: null, extra: { test: true } },
    );
    expect(within(refused.pane).getByTestId('verdict-hint').textContent?.trim()).toBe(
      'What to do: Its signature needs no fix: answer it with any 2xx status and never require a signature on it.',
    );
  });

  it('says what to do about a crash when the handler closed the connection on the check', async () => {
    const c = companion();
    const { pane } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), 'reset'), {}, { key: null, extra: { test: true } });
    const line = within(pane).getByTestId('verdict-line');
    expect(line.textContent).toMatch(/^Registration check failed: your handler closed the connection before finishing its answer\./);
    expect(within(pane).getByTestId('verdict-hint').textContent?.trim()).toBe(
      'What to do: Check its log for a crash while it handled the check. Flowent registers the action only when this check gets a 2xx answer.',
    );
  });

  it('leads a registration check that nothing answered with who did not answer', async () => {
    const c = companion();
    const port = await closedPort();
    const { pane } = await openForwardedCall(
      c,
      'send_email',
      `http://127.0.0.1:${port}/{action_name}`,
      {},
      { key: null, extra: { test: true } },
    );
    const line = within(pane).getByTestId('verdict-line');
    expect(line.textContent).toMatch(
      /^Registration check failed: your handler refused the connection\. Flowent's registration check arrived without a signature/,
    );
    expect(line.className).toContain('tone-bad');
    expect(within(pane).getByTestId('verdict-hint').textContent?.trim()).toBe(
      'What to do: Start it, or check the port it listens on. Flowent registers the action only when this check gets a 2xx answer.',
    );
  });

  it('explains a signed registration check in a note', async () => {
    const c = companion();
    await c.send('send_email', {}, { extra: { test: true } });
    const { pane } = await openCall(c.bridge, 1);
    const note = within(pane).getByRole('note', { name: 'Registration check' });
    expect(note.textContent).toContain("This is Flowent's registration check");
    expect(note.textContent).toContain('any 2xx answer passes');
  });

  it('has no registration explanation for ordinary calls', async () => {
    const c = companion();
    await c.send('send_email');
    const { pane } = await openCall(c.bridge, 1);
    expect(within(pane).queryByRole('note', { name: 'Registration check' })).toBeNull();
  });
});
