// @vitest-environment happy-dom
import { describe, it } from 'vitest';
import { useCompanion } from '../harness/companion';
import { openCall } from '../harness/render';
import { expectNoParametersToEditThenOffered } from './no-parameters-to-edit';

const companion = useCompanion();

// Flowent only ever sends its registration check with empty parameters: edited ones would test a
// request Flowent never sends, and a re-signed replay already sends the check as Flowent would.
describe("replaying Flowent's registration check", () => {
  it('does not offer to edit its parameters, says why, and offers it for the next call', async () => {
    const c = companion();
    await c.send('charge_card', {}, { key: null, extra: { test: true } });
    await c.send('charge_card', { amount: 5 });
    await expectNoParametersToEditThenOffered(
      await openCall(c.bridge, 1),
      'this is Flowent’s registration check, which Flowent only ever sends with empty parameters',
    );
  });
});
