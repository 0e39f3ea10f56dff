// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { openCall } from '../harness/render';

const companion = useCompanion();

describe('replay of a call whose body was refused before it was read (over the size limit)', () => {
  it('offers nothing to send: the buttons that send or copy it are disabled, and why is said just above them', async () => {
    const c = companion();
    const body = `{"action_name":"send_email","parameters":{"x":"${'a'.repeat(1_100_000)}"}}`;
    expect((await c.post('/actions/send_email', body)).status).toBe(413);
    const { pane } = await openCall(c.bridge, 1);
    const panel = within(pane).getByRole('region', { name: 'Replay' });
    const reason = within(panel).getByRole('note', { name: 'Nothing to replay' });
    expect(reason.textContent).toBe(
      "Nothing to replay or copy: this call's body (1.05 MB) was refused before it was read, so it was not kept.",
    );
    for (const name of ['Replay as is', 'Replay re-signed', 'Edit parameters…', 'Copy as cURL', 'Copy as cURL, re-signed']) {
      const button = within(panel).getByRole('button', { name });
      expect(button.hasAttribute('disabled')).toBe(true);
      // A screen reader that lands on the button hears why.
      expect(button.getAttribute('aria-describedby')).toBe(reason.id);
    }
    // The reason comes before the buttons, not below a fold under them.
    const row = within(panel).getByRole('button', { name: 'Replay as is' }).parentElement!;
    expect(reason.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Exporting it still works: a HAR keeps what is known of it.
    expect(within(panel).getByRole('button', { name: 'Export as HAR' }).hasAttribute('disabled')).toBe(false);
  });

  it('leaves the buttons of a call with an empty body alone', async () => {
    const c = companion();
    await c.post('/actions/send_email', '');
    const { pane } = await openCall(c.bridge, 1);
    const panel = within(pane).getByRole('region', { name: 'Replay' });
    expect(within(panel).queryByRole('note', { name: 'Nothing to replay' })).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Replay as is' }).hasAttribute('disabled')).toBe(false);
  });
});
