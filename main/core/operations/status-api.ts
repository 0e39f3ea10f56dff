import type {
  CoreStatus,
  ListenFailure,
  Refused,
  Result,
  SecretRef,
  ServerNotRunning,
  StatusFailure,
  StatusMethods,
} from '../../contract/api';
import { HMAC_KEY_ENV, NGROK_AUTHTOKEN_ENV } from '../../contract/secret-variables';
import type { SecretSource } from '../secret-source';
import type { TunnelController } from '../tunnel/tunnel-controller';

export interface StatusDeps {
  tunnel: TunnelController;
  hmacKey: SecretSource;
  ngrokAuthtoken: SecretSource;
  status: () => CoreStatus;
  /** Restarts the webhook server on the same port on every interface, or on loopback only. */
  listenOnAllInterfaces: (on: boolean) => Promise<Result<void, ListenFailure | ServerNotRunning>>;
  onStatusChanged: () => void;
}

/** The running core's status, its secrets and the tunnel. */
export function createStatusApi(deps: StatusDeps): StatusMethods {
  /** Sets or clears a secret, unless it comes from the environment (then it is read-only here). */
  const changeSecret = (secret: SecretSource, ref: SecretRef, value: string | null): Result<CoreStatus, StatusFailure> => {
    const { set, clear } = secret;
    const outcome = value === null ? clear?.call(secret) : set?.call(secret, value);
    if (!outcome) return readOnly(ref);
    if (!outcome.ok) return outcome;
    deps.onStatusChanged();
    return { ok: true, value: deps.status() };
  };
  return {
    getStatus: async () => deps.status(),
    setHmacKey: async (key) => changeSecret(deps.hmacKey, HMAC_KEY, key),
    clearHmacKey: async () => changeSecret(deps.hmacKey, HMAC_KEY, null),
    setNgrokAuthtoken: async (token) => changeSecret(deps.ngrokAuthtoken, NGROK_AUTHTOKEN, token),
    clearNgrokAuthtoken: async () => changeSecret(deps.ngrokAuthtoken, NGROK_AUTHTOKEN, null),
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
  };
}

const HMAC_KEY: SecretRef = { secret: 'hmac-key', variable: HMAC_KEY_ENV };
const NGROK_AUTHTOKEN: SecretRef = { secret: 'ngrok-authtoken', variable: NGROK_AUTHTOKEN_ENV };

function readOnly(ref: SecretRef): Refused<StatusFailure> {
  return { ok: false, code: 'secret-read-only', ...ref };
}
