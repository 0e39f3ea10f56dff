import { describe, expect, it } from 'vitest';
import { ClientRateLimit, clientOf } from '../../../main/core/webhook/rate-limit';
import { coresClosedAfterEach, startCore } from '../../helpers/running-core';

// The optional per-client rate limit: over it, 429 in Flowent's shape without the body being
// read, and a burst of such requests is one record with a count.
const start = coresClosedAfterEach();

describe('ClientRateLimit', () => {
  it('lets a second’s worth through at once, then refills at the rate, per client', () => {
    let now = 0;
    const limit = new ClientRateLimit(() => now);
    expect(Array.from({ length: 6 }, () => limit.admit('a', 5))).toEqual([true, true, true, true, true, false]);
    expect(limit.admit('b', 5)).toBe(true);
    now += 200;
    expect(limit.admit('a', 5)).toBe(true);
    expect(limit.admit('a', 5)).toBe(false);
  });

  it('counts a tunnelled request by the address ngrok added, a direct one by its socket', () => {
    expect(clientOf('127.0.0.1', ['X-Forwarded-For', '203.0.113.9'])).toBe('203.0.113.9');
    expect(clientOf('192.0.2.4', null)).toBe('192.0.2.4');
    expect(clientOf('127.0.0.1', null)).toBe('127.0.0.1');
  });
});

describe('the webhook port’s rate limit', () => {
  it('counts a caller reaching the port itself by its socket, whatever X-Forwarded-For it sends', async () => {
    const core = await start({ limits: { rateLimitPerSecond: 2 } });
    // Each call claims another client: only the tunnel's X-Forwarded-For names one.
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        core.post('/actions/send_email', '{}', { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${n}` }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThan(0);
  });

  it('answers 429 in Flowent’s shape past the limit and records the burst once, with its count', async () => {
    const core = await start({ limits: { rateLimitPerSecond: 2 } });
    const answers = await Promise.all(Array.from({ length: 30 }, () => core.post('/actions/send_email', '{}')));
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status !== 429).length).toBeGreaterThanOrEqual(2);
    expect(refused[0]!.json).toEqual({ result: '', error: expect.stringMatching(/Too many requests from .* more than 2 a second/) });
    await expect
      .poll(async () => (await core.core.api.listCalls({ limit: 100 })).calls.filter((call) => call.problem === 'rate-limited'), {
        timeout: 10_000,
      })
      .toHaveLength(1);
    const record = (await core.core.api.listCalls({ limit: 100 })).calls.find((call) => call.problem === 'rate-limited')!;
    await expect
      .poll(async () => (await core.core.api.getCall(record.id))?.problemMessage, { timeout: 10_000 })
      .toMatch(new RegExp(`${refused.length - 1} more requests like this`));
    expect(record.status).toBe(429);
    expect(core.events).toContainEqual({ type: 'call-stored', call: expect.objectContaining({ id: record.id, problem: 'rate-limited' }) });
  });

  it('takes no effect without a limit, and a limit set in Settings applies at once and is kept', async () => {
    const core = await start();
    const before = await Promise.all(Array.from({ length: 20 }, () => core.post('/actions/send_email', '{}')));
    expect(before.every((answer) => answer.status !== 429)).toBe(true);
    const info = await core.core.api.getLimits();
    const saved = await core.core.api.setLimits({ ...info.current, rateLimitPerSecond: 2 });
    expect(saved.ok && saved.value.current.rateLimitPerSecond).toBe(2);
    const after = await Promise.all(Array.from({ length: 20 }, () => core.post('/actions/send_email', '{}')));
    expect(after.some((answer) => answer.status === 429)).toBe(true);
    const dataDir = core.dataDir;
    await core.core.stop();
    const again = await startCore({ dataDir });
    try {
      expect((await again.core.api.getLimits()).current.rateLimitPerSecond).toBe(2);
    } finally {
      await again.close();
    }
  });

  it('keeps a limit given for the run over the stored one, and says so', async () => {
    const core = await start({ limits: { keepCalls: 500 } });
    const info = await core.core.api.getLimits();
    expect(info.fixedForThisRun).toEqual(['keepCalls']);
    expect(info.current.keepCalls).toBe(500);
    await core.core.api.setLimits({ ...info.current, keepCalls: 10 });
    expect((await core.core.api.getLimits()).current.keepCalls).toBe(500);
  });
});
