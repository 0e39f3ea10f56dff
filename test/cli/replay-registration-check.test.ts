import { describe, expect, it } from 'vitest';
import { useCoreWithOneCall } from '../helpers/core-with-one-call';
import { runCli } from '../helpers/spawn-cli';

const KEY = 'cli-registration-key';
// Flowent's registration check as its docs show it: unsigned.
const forwarding = useCoreWithOneCall(KEY, {
  path: '/actions/ok',
  body: '{"action_name":"ok","parameters":{},"timestamp":1645123456,"test":true}',
});

describe('flowent-companion replay --resign of an unsigned registration check', () => {
  it('sends it unsigned with a fresh timestamp, and its line says so in place of "re-signed"', async () => {
    const { env, handler } = forwarding();
    const before = Math.floor(Date.now() / 1000);
    const result = await runCli(['replay', '1', '--resign'], env);
    expect(result.stdout).toMatch(
      /^#1 → #\d+ {2}200 {2}same {2}ok {2}unsigned registration check, fresh timestamp \(as Flowent sends it\)$/m,
    );
    expect(result.stdout).not.toContain('re-signed');
    expect(result.code).toBe(0);
    const received = await handler.received();
    const sent = JSON.parse(received[received.length - 1]!.body.toString('utf8')) as Record<string, unknown>;
    expect(sent).toEqual({ action_name: 'ok', parameters: {}, timestamp: sent.timestamp, test: true });
    expect(sent.timestamp).toBeGreaterThanOrEqual(before);
  });

  it('says so in its help, where --resign is chosen', async () => {
    const help = await runCli(['replay', '--help'], forwarding().env);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('a registration check Flowent sent unsigned goes unsigned, as Flowent sends it');
  });
});
