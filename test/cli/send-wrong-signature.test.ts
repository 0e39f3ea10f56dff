import { afterAll, describe, expect, it } from 'vitest';
import { handlerTargetKey } from '../../main/core/handler-check';
import { keyFingerprint } from '../../main/core/replay/learned-style';
import { openStore } from '../../main/core/store/open-store';
import { useCheckingAndTrustingHandlers, type SignatureHandler } from '../helpers/signature-handler-process';
import { runInProcess } from '../helpers/in-process-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { hasPython } from '../core/handler-check/verifier-runners';

// `send --wrong-signature` against real handler processes (test/fixtures/handlers/signature-handler.py):
// one that verifies as the docs' Python example, one that checks nothing. The call is signed,
// then spoiled as the probe spoils it; the handler's refusal passes, its acceptance fails.

const KEY = 'wrong-signature-key';
const { checking, trusting } = useCheckingAndTrustingHandlers(KEY);
const dataDir = makeTempDir();
const env = { FLOWENT_HMAC_KEY: KEY, FLOWENT_COMPANION_DATA_DIR: dataDir.path };

const send = (handler: SignatureHandler, ...flags: string[]) =>
  runInProcess(['send', 'ticket', '--params', '{"subject":"Zürich"}', '--target', handler.target, ...flags], { env });

/** What the calls to `handler` taught about it, with the key they were signed with. */
function learned(handler: SignatureHandler) {
  const opened = openStore({ dataDir: dataDir.path });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  try {
    const url = handler.target.replace('{action_name}', 'ticket');
    return opened.value.handlers.forKey(() => keyFingerprint(KEY)).read(handlerTargetKey(url));
  } finally {
    void opened.value.close();
  }
}

afterAll(() => {
  dataDir.remove();
});

describe.skipIf(!hasPython)('send --wrong-signature', () => {
  it('exits 0 when the handler refuses the spoiled call, and teaches that it refused a wrong signature, not a valid one', async () => {
    const valid = await send(checking());
    expect(valid.code).toBe(0);

    const sent = await send(checking(), '--wrong-signature');
    expect(sent.stderr).toBe('');
    expect(sent.stdout).toMatch(/^Sent #2 to .* \(signed, python style, its signature then spoiled on purpose\)$/m);
    expect(sent.stdout).toMatch(/answer: {2}401 \{"error": "Invalid signature"\}/);
    expect(sent.stdout).toMatch(
      /verdict: your handler refused the call with a wrong signature \(401\), as it should: it checks signatures$/m,
    );
    expect(sent.code).toBe(0);

    const shown = await runInProcess(['calls', '2', '--json'], { env });
    expect(JSON.parse(shown.stdout)).toMatchObject({ source: 'simulator', verdict: 'invalid', handlerSignature: 'refused' });

    // The valid call's acceptance stands; the spoiled one counts as a wrong signature refused.
    expect(learned(checking())).toMatchObject({ accepted: 1, refused: 0, acceptedUnverified: 0, refusedUnverified: 1 });
  }, 60_000);

  it('exits 1 when the handler accepts it, saying it does not check signatures', async () => {
    const sent = await send(trusting(), '--wrong-signature');
    expect(sent.stdout).toMatch(/answer: {2}200 /);
    expect(sent.stdout).toMatch(/verdict: your handler accepted a call with a wrong signature \(200\): it does not check signatures/);
    expect(sent.code).toBe(1);
    expect(learned(trusting())).toMatchObject({ accepted: 0, refused: 0, acceptedUnverified: 1, refusedUnverified: 0 });
  }, 60_000);

  it('is refused with --test, which sends the unsigned registration check', async () => {
    const sent = await send(trusting(), '--test', '--wrong-signature');
    expect(sent.code).toBe(2);
    expect(sent.stderr).toMatch(/leave out --params, --schema, --style and --wrong-signature/);
  });
});
