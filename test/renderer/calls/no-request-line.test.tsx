// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { rawExchange } from '../../helpers/raw-http';
import { useCompanion } from '../harness/companion';
import { openCall, rowOf } from '../harness/render';

// A request refused before its request line could be read has no method and no path: the list
// and the details say what stands for them, as serve and `calls` do, instead of leaving a gap.
const companion = useCompanion({ core: { headersTimeoutMs: 1_000 } });

const portOf = (baseUrl: string) => Number(new URL(baseUrl).port);

describe('a stored request without a request line', () => {
  it('is listed and titled as bytes the parser could not read, or as a head that stopped arriving', async () => {
    const c = companion();
    const [refused] = await rawExchange(portOf(c.baseUrl), Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x03]));
    expect(refused?.status).toBe(400);
    const [stalled] = await rawExchange(portOf(c.baseUrl), 'POST /actions/a HTTP/1.1\r\nHost: x\r\nX-Half: ', 20_000);
    expect(stalled?.status).toBe(408);

    const { pane } = await openCall(c.bridge, 2);
    expect(pane.querySelector('.detail-title')?.textContent).toMatch(/^#2 \(request head unfinished\) /);
    const cell = async (id: number) => (await rowOf(id)).querySelector('.col-action [title]');
    expect((await cell(1))?.textContent).toBe('(no request line)');
    expect((await cell(2))?.textContent).toBe('(request head unfinished)');
    expect((await cell(2))?.getAttribute('title')).toBe('(request head unfinished)');
  }, 30_000);
});
