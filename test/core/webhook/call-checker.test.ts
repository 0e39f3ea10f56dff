import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallCheckInput } from '../../../main/core/webhook/call-check';
import { CallChecker, checkHere, OFF_THREAD_BYTES } from '../../../main/core/webhook/call-checker';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';

const KEY = 'checker-key';
const checkers: CallChecker[] = [];
afterEach(async () => {
  for (const checker of checkers.splice(0)) await checker.close();
});

function checker(): { checker: CallChecker; failures: unknown[] } {
  const failures: unknown[] = [];
  const made = new CallChecker((error) => failures.push(error));
  checkers.push(made);
  return { checker: made, failures };
}

const input = (body: string | Buffer, pathAction: string | null = 'big'): CallCheckInput => ({
  body: Buffer.from(body),
  pathAction,
  hmacKey: KEY,
  receivedAt: Date.now(),
});

/** A body past the thread's threshold: a signed call whose parameters carry `filler`. */
function big(parameters: Record<string, unknown> = {}): string {
  return signedBody(flowentPayload('big', { ...parameters, filler: 'f'.repeat(OFF_THREAD_BYTES) }), KEY);
}

function pathological(count = 340_000): string {
  const inner = Array.from({ length: count }, () => '{}').join(',');
  return `{"action_name":"big","parameters":{"x":[${inner}]},"timestamp":${Math.floor(Date.now() / 1000)},"signature":"${'0'.repeat(64)}"}`;
}

describe('the call checker', () => {
  it('checks a small body in every style from the tree it already parsed, as a fresh check of every style does', () => {
    for (const body of [
      signedBody(flowentPayload('small', { city: 'Zürich', note: 'é' }), KEY),
      signedBody(flowentPayload('small', { n: 1 }), 'another-key'),
    ]) {
      const once = input(body, 'small');
      const checked = checkHere(once);
      const fresh = checkHere({ ...once, everyStyle: true }).check;
      const fromTree = checked.everyStyle(once);
      expect(fromTree).not.toBeNull();
      expect(fresh.kind === 'checked' && fresh.signature).toEqual(fromTree);
    }
    expect(checkHere(input('{"a":1,"a":2}', 'small')).everyStyle(input('{"a":1,"a":2}', 'small'))).toBeNull();
  });

  it('checks a big body on its thread with the same result as here, and plain values on demand', async () => {
    // Valid, tampered, not JSON, a repeated key, a bad field.
    const { checker: made, failures } = checker();
    const bodies = [
      big({ name: 'Zoë <b>' }),
      big().replace('"filler"', '"fillor"'),
      `${big().slice(0, -1)}`,
      big().replace('{"action_name":"big"', '{"action_name":"big","action_name":"big"'),
      big().replace('"timestamp":', '"timestamp":"x","t":'),
    ];
    for (const body of bodies) {
      const checked = input(body);
      const there = await made.check(checked);
      const here = checkHere(checked);
      expect(there.check).toEqual(here.check);
      if (here.check.kind === 'checked') expect(there.plain()).toEqual(here.plain());
    }
    expect(failures).toEqual([]);
  });

  it('keeps the event loop turning while it checks a 1 MB body of {} (here it would hold it)', async () => {
    const { checker: made, failures } = checker();
    const body = input(pathological());
    let turns = 0;
    let turning = true;
    const turn = () => {
      turns += 1;
      if (turning) setImmediate(turn);
    };
    setImmediate(turn);
    const checked = await made.check(body);
    turning = false;
    expect(checked.check).toMatchObject({ kind: 'checked', signature: { verdict: 'invalid' } });
    expect(turns).toBeGreaterThan(1);
    expect(failures).toEqual([]);

    // The same body checked here gets no turn in between: that is the stall the thread avoids.
    turns = 0;
    turning = true;
    setImmediate(turn);
    checkHere(body);
    expect(turns).toBe(0);
    turning = false;
  });

  it('checks small bodies here at once, and everything here once closed', async () => {
    const { checker: made } = checker();
    const small = input(signedBody(flowentPayload('a'), KEY), 'a');
    expect((await made.check(small)).check).toMatchObject({ kind: 'checked', signature: { verdict: 'valid' } });
    await made.close();
    expect((await made.check(input(big()))).check).toMatchObject({ kind: 'checked', signature: { verdict: 'valid' } });
  });

  it("the desktop bundle's checker entry answers a job as the sources do", async () => {
    const built = resolve(__dirname, '../../../out/main/call-check-worker.js');
    expect(existsSync(built), `${built} is missing: run the build (npm test does) first`).toBe(true);
    const worker = new Worker(built);
    try {
      const job = { id: 7, ...input(big({ n: 1 })) };
      const reply = await new Promise<{ id: number; check: unknown }>((done, fail) => {
        worker.once('message', done);
        worker.once('error', fail);
        worker.postMessage(job);
      });
      expect(reply).toEqual({ id: 7, check: checkHere(job).check });
    } finally {
      await worker.terminate();
    }
  });
});
