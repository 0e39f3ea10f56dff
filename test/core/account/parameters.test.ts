import { describe, expect, it } from 'vitest';
import { startCore } from '../../helpers/running-core';
import { service, startGateway, tempDir } from './harness';

const ORDER_SCHEMA = {
  type: 'object',
  properties: {
    email: { type: 'string', format: 'email' },
    when: { type: 'string', format: 'date-time' },
    items: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer', minimum: 1 } }, required: ['qty'] } },
    priority: { enum: ['low', 'high'] },
  },
  required: ['email', 'items'],
  additionalProperties: false,
};

describe('checking call parameters against the action schema', () => {
  it('names each problem with its JSON path, from a schema cached for offline use', async () => {
    const gateway = await startGateway();
    const dataDir = tempDir();
    const online = service(gateway, { dataDir });
    expect(online.validateParameters('place_order', {})).toBeNull();
    // Registration needs a webhook that passes Flowent's check: a real core.
    const core = await startCore({ dataDir: tempDir() });
    try {
      expect(
        (
          await online.register({
            name: 'place_order',
            description: 'Order',
            webhook_url: `${core.baseUrl}/actions/place_order`,
            json_schema: ORDER_SCHEMA,
          })
        ).ok,
      ).toBe(true);
    } finally {
      await core.close();
    }
    await gateway.stop();

    // Offline now: a new service on the same data folder still checks.
    const offline = service(gateway, { dataDir });
    const check = offline.validateParameters('place_order', {
      when: 'yesterday',
      items: [{ qty: 2 }, { qty: 'two' }, {}],
      priority: 'urgent',
      extra: 1,
    });
    expect(check?.status).toBe('checked');
    expect(check?.problems).toEqual(
      expect.arrayContaining([
        { path: 'parameters.email', keyword: 'required', message: 'parameters.email is missing (the schema requires it).' },
        { path: 'parameters.when', keyword: 'format', message: 'parameters.when is not a valid date-time.' },
        { path: 'parameters.items[1].qty', keyword: 'type', message: 'parameters.items[1].qty should be an integer.' },
        { path: 'parameters.items[2].qty', keyword: 'required', message: 'parameters.items[2].qty is missing (the schema requires it).' },
        { path: 'parameters.priority', keyword: 'enum', message: 'parameters.priority must be one of ["low","high"].' },
        { path: 'parameters.extra', keyword: 'additionalProperties', message: 'parameters.extra is not allowed by the schema.' },
      ]),
    );
    expect(check?.problems).toHaveLength(6);
    expect(offline.validateParameters('place_order', { email: 'a@example.com', items: [{ qty: 1 }] })).toMatchObject({
      status: 'checked',
      problems: [],
    });
    expect(offline.validateParameters('place_order', { email: 'not-an-email', items: [] })?.problems).toEqual([
      { path: 'parameters.email', keyword: 'format', message: 'parameters.email is not a valid email.' },
    ]);
  });
});
