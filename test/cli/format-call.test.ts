import { describe, expect, it } from 'vitest';
import { formatCallLine } from '../../main/cli/format-call';
import { callSummary } from '../renderer/call-summary';

describe("a call's line: the handler's verdict", () => {
  // The command line words the verdict from the same table as the page's "Your handler" section.
  it.each([
    ['accepted', 200, '  200  handler accepted the signature  '],
    ['refused', 401, '  401  handler REJECTED the signature  '],
    ['unknown', 500, "  500  handler's answer says nothing about the signature  "],
  ] as const)('says %s after the status', (handlerSignature, status, words) => {
    const line = formatCallLine(callSummary({ id: 1, answeredBy: 'forward', status, handlerSignature }));
    expect(line).toContain(`valid (python)${words}3.0 ms`);
  });
});
