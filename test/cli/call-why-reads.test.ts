import { describe, expect, it } from 'vitest';
import type { CompanionApi } from '../../main/contract/api';
import { readCallWhy } from '../../main/cli/call-why';
import { useCoreWithOneCall } from '../helpers/core-with-one-call';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';

// A call whose handler refused a valid signature with a 401 of its own words both disagrees with
// the companion (the handler's diagnosis) and breaks Flowent's contract (its error is quoted):
// both sentences come from the call's details, which its lines read once, not once per sentence.
const KEY = 'call-why-key';
const stored = useCoreWithOneCall(KEY, {
  path: '/actions/refuses_signatures',
  body: signedBody(flowentPayload('refuses_signatures'), KEY),
});

/** The core's api, counting each read of a call's details. */
function countingReads(api: CompanionApi): { api: Pick<CompanionApi, 'getCall' | 'checkParameters'>; reads: () => number } {
  let reads = 0;
  return {
    api: {
      getCall: (id) => {
        reads += 1;
        return api.getCall(id);
      },
      checkParameters: (id) => api.checkParameters(id),
    },
    reads: () => reads,
  };
}

describe("what a failing call's lines read beyond its summary", () => {
  it("says the handler's diagnosis and its answer's error from one read of the details", async () => {
    const { core } = stored().running;
    const [summary] = (await core.api.listCalls({ limit: 1 })).calls;
    expect(summary).toMatchObject({ verdict: 'valid', handlerSignature: 'refused' });
    const counting = countingReads(core.api);
    const why = await readCallWhy(counting.api, summary!, false, 'read-later');
    expect(why.handler?.code).toBeDefined();
    expect(why.answerError).toBe("Your handler's error: “Invalid signature”");
    expect(counting.reads()).toBe(1);
  });
});
