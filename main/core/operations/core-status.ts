/** What the core's status says (the page's header, `status`), read afresh from the parts that hold it: apart from the core's assembly. */
import { networkInterfaces } from 'node:os';
import type { CoreStatus } from '../../contract/api';
import { canSetSecret, secretState, type SecretSource } from '../secret-source';
import { lanAddresses } from '../tunnel/lan-addresses';
import type { TunnelController } from '../tunnel/tunnel-controller';
import type { StorageFaultState } from '../webhook/storage-fault-state';
import type { WebhookListener } from '../webhook/webhook-listener';

export interface CoreStatusParts {
  webhook: WebhookListener;
  tunnel: TunnelController;
  hmacKey: SecretSource;
  ngrokAuthtoken: SecretSource;
  storageFaults: StorageFaultState;
  /** The port said while the webhook server is not listening: the one it was asked to listen on. */
  port: number;
  /** What the core was built with, the same for as long as it runs. */
  built: Pick<CoreStatus, 'dataDir' | 'dataDirIsDefault' | 'enforceSignatures' | 'bodyLimitBytes' | 'mode' | 'tunnelDomain'>;
}

/** The core's status as it is at each call. */
export function coreStatusReader(parts: CoreStatusParts): () => CoreStatus {
  const { webhook, tunnel, hmacKey, ngrokAuthtoken, storageFaults, built } = parts;
  return () => {
    const allInterfaces = webhook.host === '0.0.0.0' || webhook.host === '::';
    return {
      webhookBaseUrl: webhook.listening?.baseUrl ?? null,
      host: webhook.host,
      port: webhook.listening?.port ?? parts.port,
      dataDir: built.dataDir,
      dataDirIsDefault: built.dataDirIsDefault,
      enforceSignatures: built.enforceSignatures,
      bodyLimitBytes: built.bodyLimitBytes,
      hmacKey: secretState(hmacKey),
      canSetHmacKey: canSetSecret(hmacKey),
      keychainUnavailable: hmacKey.unavailable ?? null,
      mode: built.mode,
      tunnel: tunnel.status,
      ngrokAuthtoken: secretState(ngrokAuthtoken),
      canSetNgrokAuthtoken: canSetSecret(ngrokAuthtoken),
      tunnelDomain: built.tunnelDomain,
      listeningOnAllInterfaces: allInterfaces,
      lanAddresses: webhook.listening
        ? lanAddresses(networkInterfaces(), webhook.listening.port).map(({ webhookUrl: _unused, ...address }) => address)
        : [],
      storageFault: storageFaults.current,
    };
  };
}
