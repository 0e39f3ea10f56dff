import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDetail } from '../../main/contract/api';
import { sign } from '../../main/core/signature';
import { startSignatureHandler, type HandlerMode, type SignatureHandler } from '../helpers/signature-handler-process';
import { startCore, type RunningCore } from '../helpers/running-core';
import { runCli } from '../helpers/spawn-cli';
import { hasPython } from '../core/handler-check/verifier-runners';

// A developer's handler rejects this Flowent's python-signed calls; they follow what the
// companion says, restart the handler on its port, and read the calls' details again.

const KEY = 'handler-fixed-since-key';
let running: RunningCore;
let env: NodeJS.ProcessEnv;
const handlers: SignatureHandler[] = [];

async function handlerOn(mode: HandlerMode, port = 0): Promise<SignatureHandler> {
  const handler = await startSignatureHandler(mode, KEY, port);
  handlers.push(handler);
  return handler;
}

/** A Flowent call to `action`, python-signed, with non-ASCII text: the styles tell it apart. */
async function flowentCall(action: string, name: string): Promise<number> {
  const payload = JSON.stringify({ action_name: action, parameters: { name }, timestamp: Math.floor(Date.now() / 1000) });
  await running.post(`/actions/${action}`, sign(payload, KEY, 'python').body);
  return (await running.core.api.listCalls({ limit: 1 })).calls[0]!.id;
}

async function details(id: number): Promise<{ json: CallDetail; why: string }> {
  const json = JSON.parse((await runCli(['calls', String(id), '--json'], env)).stdout) as CallDetail;
  const shown = await runCli(['calls', String(id)], env);
  return { json, why: /^ {2}why: (.*)$/m.exec(shown.stdout)?.[1] ?? shown.stdout };
}

beforeAll(async () => {
  if (!hasPython) return;
  running = await startCore({ key: KEY });
  env = { FLOWENT_HMAC_KEY: KEY, FLOWENT_COMPANION_DATA_DIR: running.dataDir };
}, 60_000);
afterAll(async () => {
  await running?.close();
  await Promise.all(handlers.map((handler) => handler.stop()));
});

describe.skipIf(!hasPython)("a handler's record when it was fixed, or rejects every style", () => {
  it('a handler fixed after rejecting a style: its acceptance starts the record again, and the old call says it accepts that style since', async () => {
    // Verifies JSON.stringify's text: python's ASCII escapes never match.
    const before = await handlerOn('node');
    await running.core.api.setForwardTarget('greet', before.target);
    const rejected = await flowentCall('greet', 'Zoë');
    expect((await details(rejected)).json.handler?.verdict).toBe('refused');
    const port = Number(new URL(before.target.replace('{action_name}', 'greet')).port);
    await before.stop();
    await handlerOn('python', port);
    const accepted = await flowentCall('greet', 'Renée');

    const now = await details(accepted);
    expect(now.json.handler?.verdict).toBe('accepted');
    // Not "it rejected every style" beside "it accepted the signature": what it rejected was the handler before its fix.
    expect(now.json.handler?.known).toMatchObject({ accepted: 1, refused: 0, stylesRefused: [] });
    expect(now.json.handler?.known.stylesAccepted).toContain('python');

    const old = await details(rejected);
    expect(old.json.handler?.diagnosis).toEqual({
      code: 'handler-refused-valid-signature',
      cause: 'accepted-since',
      signedIn: 'python',
    });
    expect(old.why).toContain('this call was signed with python, a style your handler has accepted since.');
    // Its own id: the command runs as printed.
    expect(old.why).toContain(`"flowent-companion replay ${rejected} --resign" sends this call again`);
  }, 60_000);

  it('a handler that rejected every style in a probe is not told it "verifies with another style"', async () => {
    // json.dumps' default spaces: no known style writes that text.
    const handler = await handlerOn('spaces');
    await running.core.api.setForwardTarget('order', handler.target);
    const rejected = await flowentCall('order', 'Zoë <&>');
    const probe = await runCli(['replay', String(rejected), '--probe-styles'], env);
    expect(probe.stdout, probe.stderr).toContain('but also the call signed in every style');

    const { json, why } = await details(rejected);
    expect(json.handler?.diagnosis).toEqual({ code: 'handler-refused-valid-signature', cause: 'every-style-refused' });
    // The same cause the probe named, and the key to check, as the probe says.
    expect(why).toContain('it has rejected calls signed in every known style and accepted none: its key differs, or it verifies text');
    expect(why).toContain("Check that your handler's FLOWENT_HMAC_KEY equals the key set here");
    expect(why).not.toContain('it verifies with another style');
  }, 60_000);
});
