import { describe, expect, it } from 'vitest';
import { hasPython } from '../core/handler-check/verifier-runners';
import { handlerBehindServe } from '../helpers/handler-behind-serve';

// "Zürich" in raw UTF-8 with the keys in order: raw, go and six more styles write this call
// alike, and go comes first among them. Sent in raw, it is named raw everywhere: the send's
// line, its why and verifier, the history's line and details, the serve's line. The handler
// verifies like the docs' Python example (ASCII escapes), so it rejects the call, and says why.

const PARAMS = '{"item":"Zürich tour","qty":2}';
const rig = handlerBehindServe('python', 'names-its-style-key', { serve: true });

describe.skipIf(!hasPython)('a call sent in a style that writes it alike with others', () => {
  it('is named by the style it was signed with in the send, its why, the history and the details', async () => {
    const { send, run } = rig();
    const sent = await send('order', PARAMS, '--style', 'raw');
    expect(sent.stdout).toMatch(/^Sent #\d+ to .* \(signed, raw style\)$/m);
    const why = sent.stdout.split('\n').find((line) => line.startsWith('  why: Your handler rejected a valid signature')) ?? '';
    expect(why).toContain('this call was signed with raw.');
    expect(why).toContain('"flowent-companion verifier <python|node|go> --style raw"');

    const id = /^Sent #(\d+)/m.exec(sent.stdout)![1]!;
    const listed = await run(['calls', '--action', 'order']);
    expect(listed.stdout).toMatch(new RegExp(`^#${id} .* order \\[simulated\\] {2}valid \\(raw\\) {2}401`, 'm'));
    const details = await run(['calls', id]);
    expect(details.stdout).toMatch(/^Signature: {2}valid \(raw\), received /m);
    expect(details.stdout).toContain('this call was signed with raw.');
    expect(details.stdout).not.toMatch(/signed with go|--style go/);
  }, 60_000);

  it("is named so in the serve's line when it goes through the serve", async () => {
    const { run, serve } = rig();
    // Without --target: through the serve on the same data folder, to the handler it forwards to.
    const sent = await run(['send', 'order', '--params', PARAMS, '--style', 'raw']);
    expect(sent.stdout).toMatch(/^Sent #\d+ to .* \(signed, raw style\)$/m);
    await serve!.waitFor(/order \[simulated\] {2}valid \(\w+\)/);
    expect(serve!.output()).toMatch(/order \[simulated\] {2}valid \(raw\) {2}401/);
  }, 60_000);
});
