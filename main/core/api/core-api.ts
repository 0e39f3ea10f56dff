import type { CallDetail, CompanionApi, CoreStatus, MockCheck, Result, SampleRequest } from '../../contract/api';
import type { RespondApi } from '../respond';
import { checkTargetUrl } from '../respond/forward';
import type { ReplayApi } from '../replay';
import type { SecretSource } from '../secret-source';
import { canonicalize, sign } from '../signature';
import type { CallsRepository, StoredCall } from '../store/calls-repository';
import { forwardedFor } from '../tunnel/forwarded-for';
import type { TunnelController } from '../tunnel/tunnel-controller';
import { sampleCurl, sampleBody } from './sample-request';

export interface CoreApiDeps {
  calls: () => CallsRepository;
  respond: RespondApi;
  replay: ReplayApi;
  tunnel: TunnelController;
  hmacKey: SecretSource;
  ngrokAuthtoken: SecretSource;
  status: () => CoreStatus;
  /** Restarts the webhook server on the same port on every interface, or on loopback only. */
  listenOnAllInterfaces: (on: boolean) => Promise<Result<void>>;
  onHistoryCleared: () => void;
  onStatusChanged: () => void;
}

/** The contract's operations over the store and the running server. */
export function createCoreApi(deps: CoreApiDeps): CompanionApi {
  const { respond } = deps;
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
      if (!set) return readOnlySecret('FLOWENT_HMAC_KEY', 'HMAC key');
      return changeKey(() => set(key));
    },
    clearHmacKey: async () => {
      const { clear } = deps.hmacKey;
      if (!clear) return readOnlySecret('FLOWENT_HMAC_KEY', 'HMAC key');
      return changeKey(() => clear());
    },
    setNgrokAuthtoken: async (token) => {
      const { set } = deps.ngrokAuthtoken;
      if (!set) return readOnlySecret('NGROK_AUTHTOKEN', 'ngrok authtoken');
      return changeKey(() => set(token));
    },
    clearNgrokAuthtoken: async () => {
      const { clear } = deps.ngrokAuthtoken;
      if (!clear) return readOnlySecret('NGROK_AUTHTOKEN', 'ngrok authtoken');
      return changeKey(() => clear());
    },
    getRespondSettings: async () => respond.getRespondSettings(),
    checkMock: async (text, format) => toMockCheck(respond.parseMock(text, format)),
    setMock: async (action, text, format) => {
      const parsed = respond.parseMock(text, format);
      if (!parsed.ok) {
        const count = parsed.errors.length === 1 ? 'a problem' : `${parsed.errors.length} problems`;
        return { ok: false, code: 'invalid-mock', message: `The mock was not saved: it has ${count}. ${parsed.errors[0]?.message ?? ''}`.trim(), errors: parsed.errors };
      }
      return respond.setMock(action, parsed.value);
    },
    clearMock: async (action) => respond.clearMock(action),
    mockFromCall: async (callId) => respond.mockFromCall(callId),
    setForwardTarget: async (action, url) => respond.setForwardTarget(action, url),
    setRespondMode: async (action, mode) => respond.setMode(action, mode),
    openTunnel: async () => deps.tunnel.open(),
    closeTunnel: async () => {
      await deps.tunnel.close();
      return { ok: true, value: { closed: true } };
    },
    setListenOnAllInterfaces: async (on) => {
      const outcome = await deps.listenOnAllInterfaces(on);
      if (!outcome.ok) return outcome;
      deps.onStatusChanged();
      return { ok: true, value: deps.status() };
    },
    replayCall: async (id, mode, target) => {
      const bad = target ? checkTargetUrl(target) : null;
      if (bad) return { ok: false, code: 'invalid-target', message: bad.message };
      return deps.replay.replay(id, { mode, ...(target ? { target } : {}) });
    },
    copyAsCurl: async (id, resign) => deps.replay.curlFor(id, { resign }),
    clearHistory: async () => {
      const deleted = deps.calls().clear();
      deps.onHistoryCleared();
      return { ok: true, value: { deleted } };
    },
  };
}

function readOnlySecret(variable: string, what: string): Result<never> {
  return {
    ok: false,
    code: 'secret-read-only',
    message: `The ${what} comes from the ${variable} environment variable here; restart with a new value to change it.`,
  };
}

function toMockCheck(parsed: ReturnType<RespondApi['parseMock']>): MockCheck {
  return parsed.ok ? { ok: true, definition: parsed.value } : { ok: false, errors: parsed.errors };
}

function toDetail(call: StoredCall): CallDetail {
  const { requestBody, response, signature, checked: _checked, forwardTarget, forwardError, registrationWouldPass, ...rest } = call;
  return {
    ...rest,
    forwardedFor: forwardedFor(call.requestHeaders.flat()),
    forward: { target: forwardTarget, error: forwardError, registrationWouldPass },
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
