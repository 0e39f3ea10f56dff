import { describe, expect, it } from 'vitest';
import { hasPython } from '../core/handler-check/verifier-runners';
import { handlerBehindServe } from '../helpers/handler-behind-serve';

// A real handler with the right key that signs json.dumps' default text (a space after each , and
// :), which no known style writes. Every style signs an ASCII call alike, so the styles cannot
// explain the refusal; nor can the key alone: `send`'s why says both, and where to compare the bytes.

const rig = handlerBehindServe('spaces', 'unknown-serialization-key');

describe.skipIf(!hasPython)('a handler signing text no known style produces', () => {
  it('is not told the serialization is not the cause: its key, or its own text, with the common cases and where to compare', async () => {
    const sent = await rig().send('greet', '{"name":"Ada"}');
    expect(sent.code).toBe(1);
    const why = sent.stdout.split('\n').find((line) => line.startsWith('  why: Your handler rejected a valid signature')) ?? '';
    expect(why).toContain(
      'every known style gives the same signed text for this call: its key differs, or it verifies text none of the known styles produce ' +
        '(common: spaces after , or :, the signature field left in the signed text, a body re-encoded by a framework).',
    );
    expect(why).not.toContain('is not the cause');
    // The sent call's own id: the command runs as printed.
    const id = /Sent #(\d+)/.exec(sent.stdout)?.[1];
    expect(why).toMatch(
      new RegExp(
        `Then compare the bytes your handler signs with the signed bytes here: "flowent-companion calls ${id} --json" prints them, each style's in signature\\.styles\\[\\]\\.canonical\\.$`,
      ),
    );
  }, 60_000);
});
