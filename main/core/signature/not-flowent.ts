import type { SignatureReport } from '../../contract/api';

/** The signature report of a request that never got as far as a Flowent body: there was nothing to check. */
export function notFlowent(why: string): SignatureReport {
  return {
    verdict: 'not-flowent',
    style: null,
    received: null,
    styles: [],
    diagnosis: [{ code: 'not-flowent', message: why, hint: 'Only well-formed Flowent calls are checked for a signature.' }],
    timestamp: { value: null, ageSeconds: null, flag: 'missing' },
  };
}
