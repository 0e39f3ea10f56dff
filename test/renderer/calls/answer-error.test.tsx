// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { answerError } from '../../../main/contract/words';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { useCompanion } from '../harness/companion';
import { openCall } from '../harness/render';
import { openForwardedCall } from '../harness/forwarded-call';

const companion = useCompanion();
const handler = useHandler();

/** The action's mock answers `status` with this body; one call is sent and its details opened. */
async function answeredWith(status: number, body: unknown) {
  const c = companion();
  const set = await c.api.setMock('send_email', JSON.stringify({ status, body }), 'json');
  expect(set.ok).toBe(true);
  await c.send('send_email', { order: 42 });
  const { pane } = await openCall(c.bridge, 1);
  return within(pane).getByRole('note', { name: 'Contract check' });
}

describe("the answer's own error in the problem box", () => {
  it('says why the answer failed in its own words, as text', async () => {
    const box = await answeredWith(404, { result: '', error: 'order <b>42</b> not found' });
    expect(box.textContent).toContain('answered 404');
    const said = within(box).getByTestId('answer-error');
    expect(said.textContent).toBe("The mock's error: “order <b>42</b> not found”");
    expect(said.querySelector('b')).toBeNull();
  });

  it("quotes your handler's error when the call was forwarded", async () => {
    const c = companion();
    // The stand-in handler answers 500 {"result":"","error":"database is down"}.
    const { pane } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), 'error500'));
    const box = within(pane).getByRole('note', { name: 'Contract check' });
    expect(within(box).getByTestId('answer-error').textContent).toBe("Your handler's error: “database is down”");
  });

  // Seen installing the package: a mock reading {{parameters.recipient}} of a call without one
  // was marked "not 2xx" in the list, and its details opened with its failure twice, the second
  // time as "Problem with the request", though the fix (the answer's own words) is in the mock.
  it("marks a mock template's failure as such, and says it once, as the mock's error, not as a problem with the request", async () => {
    const c = companion();
    const set = await c.api.setMock(
      'send_email',
      JSON.stringify({ status: 200, body: { result: 'Sent to {{parameters.recipient}}', error: '' } }),
      'json',
    );
    expect(set.ok).toBe(true);
    await c.send('send_email', { order: 42 });
    const { pane, row } = await openCall(c.bridge, 1);
    // The list's mark says what failed, as the command line's line does, not the 500's "not 2xx".
    expect(within(row).getByTestId('violation-mark').textContent).toBe('mock failed');
    const box = within(pane).getByRole('note', { name: 'Contract check' });
    expect(within(box).getByTestId('answer-error').textContent).toMatch(
      /^The mock's error: “Mock template failed: \{\{parameters\.recipient\}\}/,
    );
    expect(within(pane).queryByRole('alert', { name: 'Problem' })).toBeNull();
    expect(pane.textContent).not.toContain('Problem with the request');
  });

  it('is not said twice when the contract check quotes it already (an error on a 2xx)', async () => {
    const box = await answeredWith(200, { result: 'done', error: 'order not found' });
    expect(box.textContent).toContain('with a non-empty error ("order not found")');
    expect(within(box).queryByTestId('answer-error')).toBeNull();
  });
});

describe('answerError', () => {
  it('reads a non-empty `error` string from a JSON object, on one line, cut when long', () => {
    expect(answerError('{"result":"","error":"order not found"}')).toBe('order not found');
    expect(answerError('{"result":"","error":"  line one\\n\\tline two "}')).toBe('line one line two');
    const long = answerError(JSON.stringify({ error: 'é'.repeat(1000) }))!;
    expect([...long]).toHaveLength(300);
    expect(long.endsWith('…')).toBe(true);
    for (const none of ['{"result":"ok","error":""}', '{"error":3}', '["error"]', 'not json', '', '{"error":"   "}'])
      expect(answerError(none)).toBeNull();
  });
});
