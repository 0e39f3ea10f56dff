import { flowentPayload, signedBody } from './flowent-signer';

/** One entry of a HAR a browser would write for a signed Flowent call to `send_email`, numbered `n` (its parameters). */
export function flowentEntry(
  n: number,
  key: string,
  startedMs = Date.UTC(2026, 0, 2, 3, 4, 5) + n,
  parameters: Record<string, unknown> = { n },
): Record<string, unknown> {
  return {
    startedDateTime: new Date(startedMs).toISOString(),
    time: 3,
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:8787/actions/send_email',
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      postData: { mimeType: 'application/json', text: signedBody(flowentPayload('send_email', parameters), key) },
    },
    response: {
      status: 200,
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      content: { text: '{"result":"sent","error":""}' },
    },
  };
}

/** A HAR file's text holding `entries`. */
export function harText(entries: unknown[]): string {
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });
}

/** A HAR of `count` signed Flowent calls, a millisecond apart. */
export function flowentHar(count: number, key: string): string {
  return harText(Array.from({ length: count }, (_, n) => flowentEntry(n, key)));
}
