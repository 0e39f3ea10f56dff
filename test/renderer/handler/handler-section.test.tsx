// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { openCall } from '../harness/render';

const companion = useCompanion();
const handler = useHandler();

// One forwarded call per verdict the handler's answer can give: the section's first line must
// read as a sentence for each (the unknown verdict once read "It its answer says nothing...").
const VERDICTS = [
  { behaviour: 'ok', verdict: 'accepted', line: 'It accepted the signature (200).' },
  { behaviour: 'refuses_signatures', verdict: 'refused', line: 'It refused the signature (401 "Invalid signature").' },
  { behaviour: 'error500', verdict: 'unknown', line: 'Its answer says nothing about the signature (500 "database is down").' },
] as const;

describe("the call's 'Your handler' section", () => {
  for (const { behaviour, verdict, line } of VERDICTS) {
    it(`says the ${verdict} verdict in a sentence`, async () => {
      const c = companion();
      await c.api.setForwardTarget('send_email', handlerUrl(handler(), behaviour));
      await c.send('send_email');
      expect((await c.api.getCall(1))?.handler?.verdict).toBe(verdict);
      const { pane } = await openCall(c.bridge, 1);
      const section = within(pane).getByRole('region', { name: 'Your handler' });
      expect(within(section).getByTestId('handler-verdict').textContent).toBe(line);
    });
  }
});
