import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { independentlyMatchedStyles, KEY, startWorld, type ReplayWorld } from './harness';

const SCHEMA = {
  type: 'object',
  properties: {
    recipient: { type: 'string', format: 'email' },
    subject: { type: 'string', minLength: 1, maxLength: 40 },
    priority: { type: 'integer', minimum: 1, maximum: 5 },
    tags: { type: 'array', items: { type: 'string', enum: ['a', 'b', 'c'] }, maxItems: 3 },
  },
  required: ['recipient', 'subject', 'priority'],
  additionalProperties: false,
};

let world: ReplayWorld;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

describe('simulator', () => {
  it('generates parameters from the schema (same seed, same parameters), signs them and stores the answer', async () => {
    const first = await world.api.simulate({ action: 'ok', schema: SCHEMA, seed: 7 });
    const second = await world.api.simulate({ action: 'ok', schema: SCHEMA, seed: 7 });
    if (!first.ok || !second.ok) throw new Error('simulate failed');
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    expect(ajv.validate(SCHEMA, first.value.parameters), ajv.errorsText()).toBe(true);
    expect(second.value.parameters).toEqual(first.value.parameters);
    expect(first.value).toMatchObject({ signedStyle: 'python', signatureVerdict: 'valid', status: 200, violations: [], error: null });

    const received = await world.handler.received();
    expect(received).toHaveLength(2);
    const sent = received[0]!;
    expect(sent.body.toString('utf8')).toBe(first.value.body);
    const body = JSON.parse(first.value.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['action_name', 'parameters', 'timestamp', 'signature']);
    expect(Math.abs((body.timestamp as number) - Date.now() / 1000)).toBeLessThan(5);
    expect(independentlyMatchedStyles(sent.body, KEY)).toContain('python');
    expect(world.store.calls.get(first.value.id)).toMatchObject({ source: 'simulator', verdict: 'valid', action: 'ok', status: 200 });
  });

  it('signs in the learned style', async () => {
    await world.send('ok', { name: 'Renée' }, 'go');
    const simulated = await world.api.simulate({ action: 'ok', parameters: { city: 'München', z: 1, a: 2 } });
    if (!simulated.ok) throw new Error(JSON.stringify(simulated));
    expect(simulated.value.signedStyle).toBe('go');
    expect(independentlyMatchedStyles(Buffer.from(simulated.value.body), KEY)).toContain('go');
    expect(independentlyMatchedStyles(Buffer.from(simulated.value.body), KEY)).not.toContain('python');
  });

  it("sends Flowent's registration check unsigned", async () => {
    const simulated = await world.api.simulate({ action: 'reg_fail', test: true });
    if (!simulated.ok) throw new Error(JSON.stringify(simulated));
    expect(JSON.parse(simulated.value.body)).toEqual({
      action_name: 'reg_fail',
      parameters: {},
      timestamp: expect.any(Number),
      test: true,
    });
    expect(simulated.value).toMatchObject({ signedStyle: null, signatureVerdict: 'unsigned-test', status: 400 });
    expect(simulated.value.violations.map((v) => v.code)).toContain('not-2xx');
    expect(simulated.value.violations.find((v) => v.code === 'not-2xx')?.message).toMatch(
      /to Flowent's registration check; .* the registration fails/,
    );
    expect(world.store.calls.get(simulated.value.id)).toMatchObject({ test: true, registrationWouldPass: false, source: 'simulator' });
  });

  it('reports contract violations and bad input', async () => {
    const bad = await world.api.simulate({ action: 'result_number', parameters: {} });
    expect(bad.ok && bad.value.violations.map((v) => v.code)).toEqual(['result-not-string']);
    expect(await world.api.simulate({ action: 'Bad-Name' })).toMatchObject({ ok: false, code: 'invalid-action' });
    expect(await world.api.simulate({ action: 'ok', parameters: 'x' })).toMatchObject({ ok: false, code: 'invalid-parameters' });
    expect(await world.api.simulate({ action: 'ok', style: 'nope' })).toMatchObject({ ok: false, code: 'unknown-style' });
  });

  it("refuses parameters that make a call over Flowent's 1 MB, a call Flowent never sends, and sends nothing", async () => {
    const over = await world.api.simulate({ action: 'ok', parameters: { blob: 'é'.repeat(200_000) } });
    expect(over).toMatchObject({ ok: false, code: 'over-flowent-limit', limit: 1_048_576 });
    expect(!over.ok && over.code === 'over-flowent-limit' && over.size).toBeGreaterThan(1_048_576);
    expect(await world.handler.received()).toEqual([]);
  });
});
