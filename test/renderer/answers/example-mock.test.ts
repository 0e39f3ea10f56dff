import { describe, expect, it } from 'vitest';

describe('the example mock', () => {
  it('is accepted by the core validator as a rules mock on parameters.recipient', async () => {
    const { EXAMPLE_MOCK, DEFAULT_MOCK_TEXT } = await import('../../../renderer/src/answers/example-mock');
    const { parseMockText } = await import('../../../main/core/answers/mock-file');
    const checked = parseMockText(EXAMPLE_MOCK, 'json');
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(checked.value.selection).toBe('rules');
    expect(checked.value.responses.map((r) => r.when[0]?.path)).toEqual(['parameters.recipient', 'parameters.recipient']);
    expect(checked.value.responses[1]!.body).toEqual({ result: 'Sent to {{parameters.recipient}}', error: '' });
    expect(parseMockText(DEFAULT_MOCK_TEXT, 'json').ok).toBe(true);
  });
});
