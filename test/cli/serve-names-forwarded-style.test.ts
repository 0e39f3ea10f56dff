import { describe, expect, it } from 'vitest';
import { sign } from '../../main/core/signature';
import { hasPython } from '../core/handler-check/verifier-runners';
import { handlerBehindServe } from '../helpers/handler-behind-serve';

// A handler that verifies like the docs' Go example, behind a serve. "Zürich" teaches that it
// verifies go (python escapes the ü, go does not). A call with its keys in order and no text
// outside ASCII but U+2028 (which both escape) is then written alike by python and go, and
// python comes first: the quick check on the answer's path stops there. It is named go, the
// style its handler verifies, everywhere: serve's line, the history's line, the details, and the
// handler's report (the verifier the page offers for it).

const KEY = 'forwarded-style-key';
const rig = handlerBehindServe('go', KEY, { serve: true });

/** POSTs a call signed as a Go-signing Flowent would to the serve, as Flowent does, and waits for the serve's `seen`th line. */
async function flowentCall(parameters: Record<string, unknown>, seen: number): Promise<void> {
  const { serve } = rig();
  const payload = JSON.stringify({ action_name: 'order', parameters, timestamp: Math.floor(Date.now() / 1000) });
  const answer = await fetch(`${serve!.baseUrl}/actions/order`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: sign(payload, KEY, 'go').body,
  });
  expect(answer.status).toBe(200);
  await serve!.waitFor(new RegExp(`(?: order {2}valid[^]*){${seen}}`));
}

describe.skipIf(!hasPython)('a call serve forwards, written alike by several styles', () => {
  it("is named by the style its handler verifies in serve's line, calls show and the handler's diagnosis", async () => {
    const { run, serve } = rig();
    await flowentCall({ item: 'Zürich tour', qty: 2 }, 1);
    await flowentCall({ item: 'Bern\u2028tour', qty: 3 }, 2);

    const line = serve!
      .output()
      .split('\n')
      .filter((text) => text.includes(' order  valid'))[1];
    expect(line).toMatch(/ order {2}valid \(go\) {2}200 {2}handler accepted/);
    const listed = await run(['calls', '--action', 'order']);
    const id = /^#(\d+) /m.exec(listed.stdout)![1]!;
    expect(listed.stdout).toMatch(new RegExp(`^#${id} .* order {2}valid \\(go\\) {2}200`, 'm'));
    const details = await run(['calls', id]);
    expect(details.stdout).toMatch(/^Signature: {2}valid \(go\), received /m);
    const shown = JSON.parse((await run(['calls', id, '--json'])).stdout) as {
      signature: { style: string };
      handler: { verifierStyle: string };
    };
    expect(shown.signature.style).toBe('go');
    expect(shown.handler.verifierStyle).toBe('go');
  }, 60_000);
});
