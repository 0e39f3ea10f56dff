// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { useCompanion } from '../harness/companion';
import { renderApp, rowOf } from '../harness/render';

// A narrow list cuts a long action name or path with an ellipsis: its whole text is a hover away.
const companion = useCompanion();

describe("the list's action cell", () => {
  it('gives the whole action name, or the whole path of a call that names none, as its title', async () => {
    const c = companion();
    const longName = `lookup_${'order_'.repeat(12)}status`;
    await c.send(longName, {});
    await c.post('/actions/Bad%20Name%20with%20spaces%20and%20more%20words', '{}');
    renderApp(c.bridge);
    const cell = async (id: number) => (await rowOf(id)).querySelector('.col-action [title]');
    expect((await cell(1))?.getAttribute('title')).toBe(longName);
    expect((await cell(2))?.getAttribute('title')).toBe('/actions/Bad%20Name%20with%20spaces%20and%20more%20words');
  });
});
