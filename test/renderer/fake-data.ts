/** Calls and statuses as the core would produce them, for the fake bridge and the tests. */
import { isFailedCall, type CallDetail, type CallFilter, type CallSummary, type CoreStatus } from '../../main/contract/api';

let nextId = 1;

/** A stored call; `failed` follows the contract's rule unless the patch sets it. */
export function makeCall(patch: Partial<CallDetail> = {}): CallDetail {
  const call = makeCallFields(patch);
  return { ...call, failed: patch.failed ?? isFailedCall(call) };
}

function makeCallFields(patch: Partial<CallDetail>): Omit<CallDetail, 'failed'> {
  const id = patch.id ?? nextId++;
  const body =
    patch.requestBody ?? `{"action_name":"send_email","parameters":{"n":${id}},"timestamp":1645123456,"signature":"${'a'.repeat(64)}"}`;
  return {
    id,
    receivedAt: 1_700_000_000_000 + id * 1000,
    method: 'POST',
    path: '/actions/send_email',
    action: 'send_email',
    sentAction: null,
    test: false,
    verdict: 'valid',
    style: 'python',
    status: 200,
    durationMs: 3,
    size: body.length,
    problem: null,
    answeredBy: 'mock',
    source: 'flowent',
    remoteAddress: '127.0.0.1',
    requestHeaders: [['content-type', 'application/json']],
    requestBody: body,
    requestBodyBase64: Buffer.from(body, 'utf8').toString('base64'),
    problemMessage: null,
    signature: {
      verdict: patch.verdict ?? 'valid',
      style: 'python',
      received: 'a'.repeat(64),
      styles: [
        { style: 'python', label: 'Python example', expected: 'a'.repeat(64), matched: true, canonical: '{"a":1}' },
        { style: 'go', label: 'Go example', expected: 'b'.repeat(64), matched: false, canonical: '{"a":2}' },
      ],
      diagnosis: [],
      timestamp: { value: 1645123456, ageSeconds: 2, flag: 'ok' },
    },
    response: { status: 200, headers: [['content-type', 'application/json']], body: '{"result":"ok","error":""}' },
    originalCallId: null,
    mockChoice: null,
    violations: [],
    timestamp: { flag: 'ok', ageSeconds: 2 },
    forwardedFor: null,
    forward: { target: null, error: null, registrationWouldPass: null },
    handlerSignature: null,
    handler: null,
    ...patch,
  };
}

/** The history line of a stored call: everything but the detail pane's fields. */
export function summaryOf(call: CallDetail): CallSummary {
  const detailOnly: readonly (keyof Omit<CallDetail, keyof CallSummary>)[] = [
    'remoteAddress',
    'requestHeaders',
    'requestBody',
    'requestBodyBase64',
    'problemMessage',
    'signature',
    'response',
    'originalCallId',
    'mockChoice',
    'forwardedFor',
    'forward',
  ];
  const summary: Partial<CallDetail> = { ...call };
  for (const key of detailOnly) delete summary[key];
  return summary as CallSummary;
}

export function makeStatus(patch: Partial<CoreStatus> = {}): CoreStatus {
  return {
    webhookBaseUrl: 'http://127.0.0.1:8787',
    host: '127.0.0.1',
    port: 8787,
    dataDir: '/home/dev/.flowent-companion',
    enforceSignatures: false,
    bodyLimitBytes: 1_048_576,
    hmacKey: { set: true, masked: 'sk_…9f2a', source: 'keychain' },
    canSetHmacKey: true,
    mode: 'desktop',
    tunnel: { state: 'offline', url: null, reason: null },
    ngrokAuthtoken: { set: true, source: 'keychain' },
    canSetNgrokAuthtoken: true,
    tunnelDomain: null,
    listeningOnAllInterfaces: false,
    lanAddresses: [{ interface: 'en0', address: '192.168.1.100', baseUrl: 'http://192.168.1.100:8787' }],
    ...patch,
  };
}

export function matches(call: CallDetail, f: CallFilter): boolean {
  if (f.action !== undefined && call.action !== f.action) return false;
  if (f.verdict !== undefined && call.verdict !== f.verdict) return false;
  if (f.statusClass !== undefined && `${Math.floor(call.status / 100)}xx` !== f.statusClass) return false;
  if (f.test !== undefined && call.test !== f.test) return false;
  if (f.since !== undefined && call.receivedAt < f.since) return false;
  if (f.until !== undefined && call.receivedAt > f.until) return false;
  if (f.text !== undefined && !call.requestBody.includes(f.text)) return false;
  if (f.source !== undefined && call.source !== f.source) return false;
  return true;
}
