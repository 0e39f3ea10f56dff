import type { CallDetail, CompanionApi, CoreStatus, Result, SampleRequest } from '../../contract/api';
import { canonicalize, sign } from '../signature';
import type { CallsRepository, StoredCall } from '../store/calls-repository';
import type { HmacKeySource } from '../hmac-key';
import { maskSecret } from '../hmac-key';
import { sampleCurl, sampleBody } from './sample-request';

export interface CoreApiDeps {
  calls: () => CallsRepository;
  hmacKey: HmacKeySource;
  status: () => CoreStatus;
  onHistoryCleared: () => void;
  onStatusChanged: () => void;
}

/** The contract's operations over the store and the running server. */
export function createCoreApi(deps: CoreApiDeps): CompanionApi {
  const changeKey = (change: () => Result<void>): Result<CoreStatus> => {
    const outcome = change();
    if (!outcome.ok) return outcome;
    deps.onStatusChanged();
    return { ok: true, value: deps.status() };
  };
  return {
    getStatus: async () => deps.status(),
    listCalls: async (query) => deps.calls().list(query),
    getCall: async (id) => {
      const stored = deps.calls().get(id);
      return stored ? toDetail(stored) : null;
    },
    getStats: async (filter) => deps.calls().stats(filter),
    getSampleRequest: async (action) => buildSample(action, deps.status(), deps.hmacKey.get()),
    setHmacKey: async (key) => {
      const { set } = deps.hmacKey;
      if (!set) return readOnlyKey();
      return changeKey(() => set(key));
    },
    clearHmacKey: async () => {
      const { clear } = deps.hmacKey;
      if (!clear) return readOnlyKey();
      return changeKey(() => clear());
    },
    clearHistory: async () => {
      const deleted = deps.calls().clear();
      deps.onHistoryCleared();
      return { ok: true, value: { deleted } };
    },
  };
}

function readOnlyKey(): Result<never> {
  return {
    ok: false,
    code: 'key-read-only',
    message: 'The HMAC key comes from the FLOWENT_HMAC_KEY environment variable here; restart with a new value to change it.',
  };
}

function toDetail(call: StoredCall): CallDetail {
  const { requestBody, response, signature, ...rest } = call;
  return {
    ...rest,
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

export { maskSecret };
