// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { KEY, useCompanion } from '../harness/companion';
import { openCall, renderApp, rowOf } from '../harness/render';

// A call the companion refused for its request (400) leads with that cause in the list and the
// details, whatever its signature; a body naming another action than its URL is listed under
// the URL's action, in the list, the action filter and the details alike.
const companion = useCompanion();

const now = () => Math.floor(Date.now() / 1000);

describe('why a refused call failed, at a glance', () => {
  it('no parameters, no signature, enforcement off: the request problem leads, and nothing says to turn enforcement off', async () => {
    const c = companion();
    const sent = await c.post('/actions/hok', JSON.stringify({ action_name: 'hok', timestamp: now() }));
    expect(sent.status).toBe(400);
    const { pane, row } = await openCall(c.bridge, 1);

    const mark = within(row).getByTestId('refusal-mark');
    expect(mark.textContent).toBe('no parameters');
    // The cause alone in the cell: the signature's verdict, which did not decide the answer, is in its title.
    expect(row.querySelector('.col-verdict')?.textContent).toBe('no parameters');
    expect(mark.getAttribute('title')).toBe('Refused by the companion: no parameters. Signature: missing.');

    const verdict = within(pane).getByTestId('verdict-line');
    expect(verdict.querySelector('strong')?.textContent).toBe('Request refused: no parameters.');
    expect(verdict.textContent).toContain('The body has no "parameters"');
    expect(verdict.textContent).not.toMatch(/signature/i);
    expect(pane.textContent).not.toMatch(/turn off signature enforcement/);
    // Said once: no second box repeating the cause.
    expect(within(pane).queryByRole('alert', { name: 'Problem' })).toBeNull();
    // Whose 400, and why: as a failed forward's 502 says it, not "an error answer".
    expect(within(pane).getByTestId('answered-by').textContent).toBe(
      "this companion's 400 error answer, refusing the request (no parameters)",
    );
  });

  it('a signed body naming another action than its URL: listed, filtered and detailed under the URL’s action, with the reason in the row', async () => {
    const c = companion();
    await c.send('hok');
    const sent = await c.post('/actions/hok', signedBody(flowentPayload('other_name'), KEY));
    expect(sent.status).toBe(400);
    const { pane } = await openCall(c.bridge, 2);
    const row = await rowOf(2);
    // The body's name beside the URL's, as serve prints both.
    expect(row.querySelector('.col-action')?.textContent).toBe('hok ←"other_name"');
    const mark = within(row).getByTestId('refusal-mark');
    expect(mark.textContent).toBe('action ≠ URL');
    // What the body named is said in the mark's title as in the action cell's, in the same words.
    expect(within(row).getByTestId('sent-action').getAttribute('title')).toBe(
      'The body\'s action_name is "other_name". The URL names hok.',
    );
    expect(mark.getAttribute('title')).toBe(
      'Refused by the companion: action ≠ URL. The body\'s action_name is "other_name". The URL names hok. Signature: valid.',
    );
    expect(row.querySelector('[data-verdict]')).toBeNull();

    expect(pane.querySelector('.detail-title')?.textContent).toContain('POST /actions/hok');
    expect(within(pane).getByTestId('verdict-line').querySelector('strong')?.textContent).toBe('Request refused: action ≠ URL.');
    expect(within(pane).getByTestId('verdict-line').textContent).toContain('The URL names action "hok" but the body names "other_name"');

    // The action filter counts both calls under hok; other_name is no action of the history.
    const list = screen.getByRole('combobox', { name: 'Action' });
    await waitFor(() =>
      expect([...list.querySelectorAll('option')].map((o) => o.textContent).filter((t) => t !== 'All actions')).toEqual(['hok (2)']),
    );
  });

  it("a body whose action_name is not a name: the mark's title says what it was, as the action cell's does", async () => {
    const c = companion();
    const sent = await c.post('/actions/send_email', signedBody(flowentPayload('Send-Email'), KEY));
    expect(sent.status).toBe(400);
    renderApp(c.bridge);
    const row = await rowOf(1);
    const said = 'The body\'s action_name is "Send-Email": not a valid action name. The URL names send_email.';
    expect(within(row).getByTestId('sent-action').getAttribute('title')).toBe(said);
    const mark = within(row).getByTestId('refusal-mark');
    expect(mark.textContent).toBe('bad action_name');
    expect(mark.getAttribute('title')).toBe(`Refused by the companion: bad action_name. ${said} Signature: valid.`);
  });
});
