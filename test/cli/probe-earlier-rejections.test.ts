import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDetail } from '../../main/contract/api';
import { sign } from '../../main/core/signature';
import { startSignatureHandler, type SignatureHandler } from '../helpers/signature-handler-process';
import { startCore, type RunningCore } from '../helpers/running-core';
import { makeTempDir } from '../helpers/temp-dir';
import { runCli } from '../helpers/spawn-cli';
import { hasPython } from '../core/handler-check/verifier-runners';

// A handler that rejected valid python calls, then passes a probe in python: the probe's finding
// says those rejections are still there, which one probe cannot explain.

const KEY = 'probe-earlier-key';
let handler: SignatureHandler;
let running: RunningCore;
let env: NodeJS.ProcessEnv;

async function pythonCall(parameters: Record<string, unknown>, action = 'greet', on = running, key = KEY): Promise<number> {
  const payload = JSON.stringify({ action_name: action, parameters, timestamp: Math.floor(Date.now() / 1000) });
  await on.post(`/actions/${action}`, sign(payload, key, 'python').body);
  return (await on.core.api.listCalls({ limit: 1 })).calls[0]!.id;
}

beforeAll(async () => {
  if (!hasPython) return;
  handler = await startSignatureHandler('python', KEY);
  running = await startCore({ key: KEY });
  await running.core.api.setForwardTarget(null, handler.target);
  env = { FLOWENT_HMAC_KEY: KEY, FLOWENT_COMPANION_DATA_DIR: running.dataDir };
}, 60_000);
afterAll(async () => {
  await running?.close();
  await handler?.stop();
});

describe.skipIf(!hasPython)('replay --probe-styles after rejected valid calls', () => {
  it('names the earlier rejections of the style it accepts', async () => {
    // Non-ASCII text: python's bytes differ from the other styles', so this Flowent's style is learned.
    const accepted = await pythonCall({ name: 'Renée' });
    const rejected = [await pythonCall({ name: 'Zoë', flaky: true }), await pythonCall({ name: 'Chloé', flaky: true })];
    await pythonCall({ name: 'Anaïs' });
    const probed = await runCli(['replay', String(accepted), '--probe-styles'], env);
    const finding = probed.stdout.slice(probed.stdout.indexOf('Your handler')).replace(/\n {2}/g, ' ');
    expect(finding, probed.stderr).toContain('It accepts python, the style this Flowent signs with.');
    expect(finding).toContain(
      `Yet earlier calls to this URL with valid python signatures were rejected (#${rejected[0]}, #${rejected[1]}): a single probe cannot explain that.`,
    );
  });

  it('names an earlier rejection valid in that style though the call was named by another', async () => {
    const accepted = await pythonCall({ name: 'Renée' }, 'order');
    // Sent in raw: plain ASCII with its keys as sent, python writes it alike, but the call is named raw.
    const sent = await runCli(
      ['send', 'order', '--params', '{"name":"Zoe","flaky":true}', '--style', 'raw', '--target', handler.target],
      env,
    );
    expect(sent.stdout, sent.stderr).toMatch(/^Sent #\d+ to .* \(signed, raw style\)$/m);
    const rejected = /^Sent #(\d+)/m.exec(sent.stdout)![1]!;
    const shown = JSON.parse((await runCli(['calls', rejected, '--json'], env)).stdout) as CallDetail;
    expect(shown.signature.style).toBe('raw');
    expect(shown.signature.styles.find((style) => style.style === 'python')?.matched).toBe(true);
    const probed = await runCli(['replay', String(accepted), '--probe-styles'], env);
    const finding = probed.stdout.slice(probed.stdout.indexOf('Your handler')).replace(/\n {2}/g, ' ');
    expect(finding, probed.stderr).toContain('It accepts python, the style this Flowent signs with.');
    expect(finding).toContain(`Yet earlier calls to this URL with valid python signatures were rejected (#${rejected}):`);
  });

  it('leaves out rejections of calls checked with another key', async () => {
    // The companion had another key than the handler: every call valid to it, rejected by the
    // handler. Those rejections say nothing of how the handler writes python once the keys agree.
    const folder = makeTempDir();
    try {
      const before = await startCore({ key: 'the-key-before', dataDir: folder.path });
      await before.core.api.setForwardTarget(null, handler.target);
      const rejected = await pythonCall({ name: 'Zoë' }, 'greet', before, 'the-key-before');
      expect((await before.core.api.getCall(rejected))?.handler?.verdict).toBe('refused');
      await before.close();
      const after = await startCore({ key: KEY, dataDir: folder.path });
      await after.core.api.setForwardTarget(null, handler.target);
      const accepted = await pythonCall({ name: 'Renée' }, 'greet', after);
      await pythonCall({ name: 'Anaïs' }, 'greet', after);
      await after.close();
      const probed = await runCli(['replay', String(accepted), '--probe-styles'], { ...env, FLOWENT_COMPANION_DATA_DIR: folder.path });
      const finding = probed.stdout.slice(probed.stdout.indexOf('Your handler')).replace(/\n {2}/g, ' ');
      expect(finding, probed.stderr).toContain('It accepts python, the style this Flowent signs with.');
      expect(finding).not.toContain('Yet earlier calls');
    } finally {
      folder.remove();
    }
  });
});
