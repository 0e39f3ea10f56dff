import type { CallDetail, CallsMethods, CoreStatus, SampleRequest, WaitingCall } from '../../contract/api';
import { canonicalize, completeReport, sign } from '../signature';
import type { CallsRepository } from '../store/calls-repository';
import type { StoredCall } from '../store/call-rows';
import type { KeyedHandlerMemory } from '../store/handlers-repository';
import { signedUnlikeLearned } from '../replay/learned-style';
import { forwardedFor } from '../tunnel/forwarded-for';
import { handlerReport, type LearnedSigning } from './handler-report';
import { sampleBody, sampleCurl } from './sample-request';

export interface CallsDeps {
  calls: () => CallsRepository;
  status: () => CoreStatus;
  hmacKey: () => string | null;
  /** What each developer's handler accepted and refused so far, per key. */
  handlers: () => KeyedHandlerMemory;
  /** The style this Flowent was seen to sign with for the current key, and from how many calls (0: the fallback). */
  learnedStyle: () => LearnedSigning;
  onHistoryCleared: () => void;
  /** The calls told of as waiting for the handler whose wait has not ended, oldest first. */
  waitingCalls: () => WaitingCall[];
}

/** The history: pages, details, counts, and a sample call to send by hand. */
export function createCallsApi(deps: CallsDeps): CallsMethods {
  return {
    listCalls: async (query) => deps.calls().list(query),
    getCall: async (id) => {
      const stored = deps.calls().get(id);
      return stored ? toDetail(stored, deps) : null;
    },
    getStats: async (filter) => deps.calls().stats(filter),
    estimateCount: async (query) => deps.calls().estimate(query),
    getSampleRequest: async (action) => buildSample(action, deps.status(), deps.hmacKey()),
    clearHistory: async () => {
      const deleted = deps.calls().clear();
      deps.onHistoryCleared();
      return { ok: true, value: { deleted } };
    },
    listWaitingCalls: async () => deps.waitingCalls(),
  };
}

function toDetail(call: StoredCall, deps: CallsDeps): CallDetail {
  const {
    requestBody,
    response,
    signature: stored,
    checked: _checked,
    forwardTarget,
    forwardError,
    registrationWouldPass,
    throughWebhook,
    webhookForwardedTo,
    handlerTarget: _handlerTarget,
    keyFingerprint: _keyFingerprint,
    viaTunnel,
    ...rest
  } = call;
  const key = deps.hmacKey();
  // A call answered quickly has only the styles up to its match stored; readers get all of them.
  const signature = completeReport(stored, requestBody, key);
  // Read once for the handler's report and the note, and only when one of them needs it.
  let learned: LearnedSigning | undefined;
  const learnedOnce = () => (learned ??= deps.learnedStyle());
  return {
    ...rest,
    forwardError,
    handler: handlerReport(call, signature, deps.handlers(), learnedOnce),
    signedUnlikeLearned: signedUnlikeLearned(call, key, learnedOnce),
    // Only the tunnel's X-Forwarded-For is its word: a caller reaching the port itself can send any.
    forwardedFor: viaTunnel ? forwardedFor(call.requestHeaders.flat()) : null,
    forward: { target: forwardTarget, error: forwardError, registrationWouldPass, throughWebhook, webhookForwardedTo },
    requestBody: requestBody.toString('utf8'),
    requestBodyBase64: requestBody.toString('base64'),
    response: { status: response.status, headers: response.headers, body: response.body.toString('utf8') },
    signature: {
      ...signature,
      // What was signed is a pure function of the stored bytes, so it is rebuilt on demand
      // instead of being stored once per style.
      styles: signature.styles.map((style) => ({ ...style, canonical: canonicalize(requestBody, style.style) })),
    },
  };
}

function buildSample(action: string, status: CoreStatus, key: string | null): SampleRequest {
  const url = `${status.webhookBaseUrl ?? `http://127.0.0.1:${status.port ?? 8787}`}/actions/${action}`;
  const unsigned = sampleBody(action, Math.floor(Date.now() / 1000));
  const body = key ? sign(unsigned, key, 'python').body : unsigned;
  return { url, body, curl: sampleCurl(url, body), signed: key !== null };
}
