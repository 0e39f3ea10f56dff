/** A history line built by hand, for the page's pure functions that take one (ordering, filters). */
import { isFailedCall, type CallSummary } from '../../main/contract/api';

/** A valid Flowent call of send_email answered by a mock; `failed` follows the contract's rule. */
export function callSummary(patch: Partial<CallSummary> & Pick<CallSummary, 'id'>): CallSummary {
  const call: Omit<CallSummary, 'failed'> = {
    receivedAt: 1_700_000_000_000 + patch.id * 1000,
    method: 'POST',
    path: '/actions/send_email',
    action: 'send_email',
    sentAction: null,
    test: false,
    verdict: 'valid',
    style: 'python',
    status: 200,
    durationMs: 3,
    size: 120,
    problem: null,
    answeredBy: 'mock',
    source: 'flowent',
    violations: [],
    handlerSignature: null,
    timestamp: { flag: 'ok', ageSeconds: 2 },
    signatureDiagnosis: null,
    forwardError: null,
    spoiledSignature: false,
    imported: false,
    ...patch,
  };
  return { ...call, failed: patch.failed ?? isFailedCall(call) };
}
