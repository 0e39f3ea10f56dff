import type { SignatureReport } from '../../main/contract/api';
import type { NewCall } from '../../main/core/store/calls-insert';

/** A signature report of a call signed in the Python style and valid, as the store keeps it. */
export const VALID_SIGNATURE: SignatureReport = {
  verdict: 'valid',
  style: 'python',
  received: null,
  styles: [],
  diagnosis: [],
  timestamp: { value: 1, ageSeconds: 0, flag: 'ok' },
};

/** A call to send_email as the webhook server hands it to the store: signed, answered by a mock; overrides change any part. */
export function storedCall(overrides: Partial<NewCall> = {}): NewCall {
  const requestBody = Buffer.from('{"action_name":"send_email","parameters":{}}');
  return {
    receivedAt: 1_700_000_000_000,
    method: 'POST',
    path: '/actions/send_email',
    remoteAddress: '127.0.0.1',
    action: 'send_email',
    test: false,
    requestHeaders: [['Content-Type', 'application/json']],
    requestBody,
    bodySize: requestBody.length,
    problem: null,
    problemMessage: null,
    signature: VALID_SIGNATURE,
    answeredBy: 'mock',
    response: { status: 200, headers: [], body: Buffer.from('{"result":"ok","error":""}') },
    durationMs: 1,
    source: 'flowent',
    originalCallId: null,
    ...overrides,
  };
}
