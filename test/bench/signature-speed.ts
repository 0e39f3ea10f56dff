/**
 * How long parsing and verifying a large Flowent body take, against native JSON work on the
 * same body (CPU time, best of several runs, so the ratio means something on a busy machine).
 *
 *   npx tsx test/bench/signature-speed.ts
 */
import { createHmac } from 'node:crypto';
import { parseJson } from '../../main/core/json/parse-json';
import { verify } from '../../main/core/signature';

const cpuMs = (work: () => unknown): number => {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const best = (runs: number, work: () => unknown) => Math.min(...Array.from({ length: runs }, () => cpuMs(work)));

const items = Array.from({ length: 12_000 }, (_, i) => `{"id":${i},"name":"Renée <${i}>","v":${i}.5,"z":{"y":1,"x":2}}`).join(',');
const unsigned = `{"action_name":"bulk","parameters":{"items":[${items}]},"timestamp":1700000000}`;
const signature = createHmac('sha256', 'key').update(unsigned).digest('hex');
const body = new TextEncoder().encode(unsigned.replace(/}$/, `,"signature":"${signature}"}`));
const small = new TextEncoder().encode(
  '{"action_name":"send_email","parameters":{"recipient":"user@example.com"},"timestamp":1700000000,"signature":"' + 'a'.repeat(64) + '"}',
);
// The server's common case: a small call with a good signature (no mismatch to explain).
const smallUnsigned =
  '{"action_name":"send_email","parameters":{"recipient":"user@example.com","subject":"Welcome!"},"timestamp":1700000000}';
const smallValid = new TextEncoder().encode(
  smallUnsigned.replace(/}$/, `,"signature":"${createHmac('sha256', 'key').update(smallUnsigned).digest('hex')}"}`),
);

const figures = {
  bodyBytes: body.length,
  parseMs: best(6, () => parseJson(body)),
  nativeJsonParseMs: best(6, () => JSON.parse(new TextDecoder().decode(body))),
  verifyAllStylesMs: best(4, () => verify(body, 'key', { receivedAt: 1700000000000 })),
  nativeParseAndStringifyMs: best(4, () => JSON.stringify(JSON.parse(unsigned))),
  smallCallVerifyMicroseconds: Math.round(
    (best(3, () => {
      for (let i = 0; i < 1000; i++) verify(small, 'key', { receivedAt: 1700000000000 });
    }) *
      1000) /
      1000,
  ),
  smallValidCallVerifyMicroseconds: Math.round(
    (best(3, () => {
      for (let i = 0; i < 1000; i++) verify(smallValid, 'key', { receivedAt: 1700000000000 });
    }) *
      1000) /
      1000,
  ),
  // What the answer path does since it stops at the first matching style (python, the first, here).
  smallValidCallFirstMatchMicroseconds: Math.round(
    (best(3, () => {
      for (let i = 0; i < 1000; i++) verify(smallValid, 'key', { receivedAt: 1700000000000, stopAtFirstMatch: true });
    }) *
      1000) /
      1000,
  ),
};
console.log(JSON.stringify(figures, null, 2));
