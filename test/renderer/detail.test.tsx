// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { FakeBridge, makeCall } from './fake-bridge';
import { openCall, resetPage } from './harness/render';

afterEach(resetPage);

const BODY = '{"action_name":"send_email","parameters":{"to":"é","n":1.0},"timestamp":1645123456,"signature":"abc"}';

describe('detail pane', () => {
  it('shows request headers, the body pretty and coloured with literals kept, raw, hex, and the answer', async () => {
    const bridge = new FakeBridge([
      makeCall({
        id: 7,
        requestBody: BODY,
        requestBodyBase64: Buffer.from(BODY, 'utf8').toString('base64'),
        requestHeaders: [
          ['content-type', 'application/json'],
          ['x-forwarded-for', '10.0.0.9'],
        ],
        response: { status: 401, headers: [['x-answer', 'yes']], body: '{"error":"Invalid signature"}' },
        answeredBy: 'signature-check',
        durationMs: 42,
      }),
    ]);
    const { pane, user } = await openCall(bridge, 7);
    expect(bridge.callsTo('getCall')).toEqual([[7]]);
    const headers = within(pane).getByRole('table', { name: 'Request headers' });
    expect(within(headers).getByText('x-forwarded-for')).toBeTruthy();
    expect(within(headers).getByText('10.0.0.9')).toBeTruthy();

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

    const answer = within(pane).getByRole('region', { name: 'Answer' });
    expect(within(answer).getByText('401')).toBeTruthy();
    expect(within(answer).getByText('x-answer')).toBeTruthy();
    expect(within(answer).getByLabelText('Answer body').textContent).toContain('"Invalid signature"');
    expect(pane.textContent).toContain('the signature check (rejected)');
    expect(pane.textContent).toContain('42 ms');

    await user.click(within(pane).getByRole('button', { name: 'Copy request body' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(BODY);
    await screen.findByText('Copied');
  });

  it('signature panel: matched style, expected vs received, diagnosis, signed bytes and the difference marker', async () => {
    const call = makeCall({ id: 9, verdict: 'invalid', problemMessage: 'The signature does not match.' });
    call.signature = {
      verdict: 'invalid',
      style: null,
      received: 'f'.repeat(64),
      styles: [
        {
          style: 'python',
          label: 'Python example',
          expected: '1'.repeat(64),
          matched: false,
          canonical: '{"action_name":"x","parameters":{"b":1,"a":2}}',
        },
        {
          style: 'go',
          label: 'Go example',
          expected: '2'.repeat(64),
          matched: false,
          canonical: '{"action_name":"x","parameters":{"a":2,"b":1}}',
        },
        {
          style: 'raw',
          label: 'Raw body',
          expected: '3'.repeat(64),
          matched: false,
          canonical: '{"action_name":"x","parameters":{"b":1,"a":2}}',
        },
      ],
      diagnosis: [{ code: 'key-whitespace', message: 'Your key ends with a space.', hint: 'Remove trailing whitespace from the key.' }],
      timestamp: { value: 1645123000, ageSeconds: 400, flag: 'old' },
    };
    const bridge = new FakeBridge([call]);
    const { pane, user } = await openCall(bridge, 9);
    // The verdict first, with its cause and what to do; said once.
    const verdict = within(pane).getByTestId('verdict-line');
    expect(verdict.textContent).toBe('Invalid signature. Your key ends with a space. What to do: Remove trailing whitespace from the key.');
    expect(within(pane).getAllByText(/Your key ends with a space/)).toHaveLength(1);
    expect(within(pane).getByRole('alert', { name: 'Problem' }).textContent).toContain('The signature does not match.');

    const panel = within(pane).getByRole('region', { name: 'Signature' });
    expect(within(panel).getByTestId('matched-style').textContent).toBe('No signing style matched (3 tried).');
    expect(within(panel).getByTestId('received-signature').textContent).toBe('f'.repeat(64));
    // Python and raw signed the same bytes: one row.
    const table = within(panel).getByRole('table', { name: 'Expected signature per style' });
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual([`Python example and 1 more style (same bytes)${'1'.repeat(64)}✗`, `Go example${'2'.repeat(64)}✗`]);
    await user.click(within(panel).getByRole('button', { name: 'Show every style (3)' }));
    const every = within(panel).getByRole('table', { name: 'Every style' });
    expect(
      within(every)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual([`Python example${'1'.repeat(64)}✗`, `Go example${'2'.repeat(64)}✗`, `Raw body${'3'.repeat(64)}✗`]);
    expect(within(panel).queryByRole('list', { name: 'More findings' })).toBeNull();
    expect(within(panel).getByTestId('timestamp-age').textContent).toContain('sent 7 min before it arrived');
    expect(within(panel).getByTestId('timestamp-age').textContent).toContain('old: past the 5-minute window');

    // No match: the first style's bytes, compared with the first style that differs; only
    // the differing part is marked, not everything after it.
    const shown = within(panel).getByLabelText('Signed bytes: Python example');
    expect(shown.textContent).toBe('{"action_name":"x","parameters":{"b":1,"a":2}}');
    const marks = within(panel).getAllByTestId('diff-mark');
    expect(marks.map((m) => m.textContent)).toEqual(['b":1,"a":2', 'a":2,"b":1']);
    expect(within(panel).getByRole('note').textContent).toBe('Differs from Go example at characters 35–44 (marked).');

    // Comparing two identical texts marks nothing.
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Compare with style' }), 'raw');
    expect(within(panel).queryAllByTestId('diff-mark')).toHaveLength(0);
    expect(within(panel).getByRole('note').textContent).toBe('Identical to Raw body.');

    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Style shown' }), 'go');
    expect(within(panel).getByLabelText('Signed bytes: Go example').textContent).toBe('{"action_name":"x","parameters":{"a":2,"b":1}}');
  });

  it('shows the matched style and its signed bytes first for a valid call', async () => {
    const call = makeCall({ id: 3 });
    call.signature.style = 'go';
    call.signature.styles = [
      { style: 'python', label: 'Python example', expected: '1'.repeat(64), matched: false, canonical: 'P' },
      { style: 'go', label: 'Go example', expected: 'a'.repeat(64), matched: true, canonical: 'G' },
    ];
    const { pane } = await openCall(new FakeBridge([call]), 3);
    const panel = within(pane).getByRole('region', { name: 'Signature' });
    expect(within(panel).getByTestId('matched-style').textContent).toBe('Matched style: Go example');
    expect((within(panel).getByRole('combobox', { name: 'Style shown' }) as HTMLSelectElement).value).toBe('go');
    const shown = panel.querySelectorAll('pre.canonical');
    expect(shown[0]!.getAttribute('aria-label')).toBe('Signed bytes: Go example');
    expect(shown[0]!.textContent).toBe('G');
    expect(within(panel).getByRole('cell', { name: 'matches' }).textContent).toBe('✓');
  });

  it('a valid call whose other styles could not be filled in says "(not computed)" and why, not "(no key)"', async () => {
    const call = makeCall({ id: 4 });
    call.signature.style = 'go';
    call.signature.styles = [
      { style: 'python', label: 'Python example', expected: '1'.repeat(64), matched: false, canonical: 'P' },
      { style: 'go', label: 'Go example', expected: 'a'.repeat(64), matched: true, canonical: 'G' },
      { style: 'raw', label: 'Raw body bytes', expected: null, matched: false, canonical: 'R' },
    ];
    call.signature.diagnosis = [
      {
        code: 'styles-not-computed',
        message: 'The other styles were not computed when this call arrived, and the HMAC key has changed since.',
        hint: 'Replay the call to check every style.',
      },
    ];
    const { pane, user } = await openCall(new FakeBridge([call]), 4);
    const panel = within(pane).getByRole('region', { name: 'Signature' });
    // Folded, a valid call shows its matched style alone: no wall of crosses.
    expect(within(panel).getByRole('table', { name: 'Expected signature per style' }).textContent).not.toContain('✗');
    await user.click(within(panel).getByRole('button', { name: 'Show every style (3)' }));
    const rawRow = within(panel).getByRole('cell', { name: 'Raw body bytes' }).closest('tr')!;
    expect(within(rawRow).getByText('(not computed)')).toBeTruthy();
    expect(within(panel).queryByText('(no key)')).toBeNull();
    expect(within(panel).getByRole('list', { name: 'More findings' }).textContent).toContain('the HMAC key has changed since');
    // A valid call's bytes are shown without a comparison that would mark them.
    expect(within(panel).queryAllByTestId('diff-mark')).toHaveLength(0);
  });

  it('explains registration checks', async () => {
    const call = makeCall({ id: 4, test: true, verdict: 'unsigned-test', answeredBy: 'test-check' });
    call.signature = { ...call.signature, verdict: 'unsigned-test', style: null, received: null, styles: [] };
    const { pane } = await openCall(new FakeBridge([call]), 4);
    expect(within(pane).getByTestId('verdict-line').textContent).toBe(
      'An unsigned registration check: Flowent may send it without a signature, and that is fine.',
    );
    // Unsigned: nothing to compare, so no table of crosses.
    expect(within(pane).queryByRole('table', { name: 'Expected signature per style' })).toBeNull();
    expect(within(pane).getByTestId('matched-style').textContent).toBe('Not signed: there is nothing to match.');
  });

  it('explains a signed registration check in a note', async () => {
    const call = makeCall({ id: 6, test: true, answeredBy: 'test-check' });
    const { pane } = await openCall(new FakeBridge([call]), 6);
    const note = within(pane).getByRole('note', { name: 'Registration check' });
    expect(note.textContent).toContain("This is Flowent's registration check");
    expect(note.textContent).toContain('any 2xx answer passes');
  });

  it('has no registration explanation for ordinary calls', async () => {
    const { pane } = await openCall(new FakeBridge([makeCall({ id: 5 })]), 5);
    expect(within(pane).queryByRole('note', { name: 'Registration check' })).toBeNull();
  });
});
