import type { CoreStatus, Result, StatusMethods } from '../../contract/api';
import type { SecretSource } from '../secret-source';
import type { TunnelController } from '../tunnel/tunnel-controller';

export interface StatusDeps {
  tunnel: TunnelController;
  hmacKey: SecretSource;
  ngrokAuthtoken: SecretSource;
  status: () => CoreStatus;
  /** Restarts the webhook server on the same port on every interface, or on loopback only. */
  listenOnAllInterfaces: (on: boolean) => Promise<Result<void>>;
  onStatusChanged: () => void;
}

/** The running core's status, its secrets and the tunnel. */
export function createStatusApi(deps: StatusDeps): StatusMethods {
  /** Sets or clears a secret, unless it comes from the environment (then it is read-only here). */
  const changeSecret = (secret: SecretSource, names: SecretNames, value: string | null): Result<CoreStatus> => {
    const { set, clear } = secret;
    const outcome = value === null ? clear?.call(secret) : set?.call(secret, value);
    if (!outcome) return readOnlySecret(names);
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

interface SecretNames {
  variable: string;
  what: string;
}

const HMAC_KEY: SecretNames = { variable: 'FLOWENT_HMAC_KEY', what: 'HMAC key' };
const NGROK_AUTHTOKEN: SecretNames = { variable: 'NGROK_AUTHTOKEN', what: 'ngrok authtoken' };

function readOnlySecret({ variable, what }: SecretNames): Result<never> {
  return {
    ok: false,
    code: 'secret-read-only',
    message: `The ${what} comes from the ${variable} environment variable here; restart with a new value to change it.`,
  };
}
