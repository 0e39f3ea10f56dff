// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPython } from '../../core/handler-check/verifier-runners';
import { flowentPayload, signedAs } from '../../helpers/flowent-signer';
import { startSignatureHandler, type SignatureHandler } from '../../helpers/signature-handler-process';
import { KEY, useCompanion, type Companion } from '../harness/companion';
import { openCall } from '../harness/render';

// A Flowent call signed unlike the learned style, that its handler rejected, was told so twice in
// its details: beside its verdict ("Signed unlike the other Flowent calls ...") and in the
// handler's box ("... though most of this Flowent's calls are signed with ...").
const companion = useCompanion();
let python: SignatureHandler | undefined;

const VERDICT_NOTE = 'Signed unlike the other Flowent calls (learned: Python example';
const HANDLER_BOX = "though most of this Flowent's calls are signed with Python example";

beforeAll(async () => {
  if (hasPython) python = await startSignatureHandler('python', KEY);
});
afterAll(() => python?.stop());

/** Text past ASCII and keys out of order: Python's and Go's examples sign it differently. */
const telling = (action: string, n: number) => flowentPayload(action, { zebra: `Zürich ${n}`, apple: n });

/**
 * #1-#3 signed as the Python example does and #4 plain (every style alike), all accepted by a
 * handler that verifies as python; #5 signed as the Go example does, which it rejects; #6 signed
 * so too, for an action the companion answers itself (no handler to reject it).
 */
async function callsSignedUnlike(c: Companion): Promise<void> {
  await c.api.setForwardTarget('send_email', python!.target);
  const statuses: number[] = [];
  const post = async (action: string, body: string) => statuses.push((await c.post(`/actions/${action}`, body)).status);
  for (let n = 0; n < 3; n++) await post('send_email', signedAs(telling('send_email', n), KEY, 'python'));
  await post('send_email', signedAs(flowentPayload('send_email', { to: 'a@example.com' }), KEY, 'go'));
  await post('send_email', signedAs(telling('send_email', 9), KEY, 'go'));
  await post('notify', signedAs(telling('notify', 9), KEY, 'go'));
  expect(statuses).toEqual([200, 200, 200, 200, 401, 200]);
}

/** How many times the details pane says each telling: [beside the verdict, in the handler's box]. */
function tellings(pane: HTMLElement): [number, number] {
  const text = pane.textContent ?? '';
  return [text.split(VERDICT_NOTE).length - 1, text.split(HANDLER_BOX).length - 1];
}

describe.skipIf(!hasPython)('a call signed unlike the learned style, in its details', () => {
  it("is told once when its handler rejected it: in the handler's box, not beside the verdict too", async () => {
    const c = companion();
    await callsSignedUnlike(c);
    const { pane } = await openCall(c.bridge, 5);
    expect(pane.querySelector('[data-code="handler-signature-style-mismatch"]')).not.toBeNull();
    expect(tellings(pane)).toEqual([0, 1]);
    // Told below, not beside it: the verdict line still warns, it is no all-clear.
    expect(pane.querySelector('[data-testid="verdict-line"]')?.className).toContain('tone-warn');
  });

  it('is told once beside the verdict when no handler rejected it', async () => {
    const c = companion();
    await callsSignedUnlike(c);
    const { pane } = await openCall(c.bridge, 6);
    expect(pane.querySelector('.handler-diagnosis')).toBeNull();
    expect(tellings(pane)).toEqual([1, 0]);
    expect(pane.querySelector('[data-testid="verdict-line"]')?.className).toContain('tone-warn');
  });
});
