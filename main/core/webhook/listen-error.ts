import type { ListenFailure, ServerName } from '../../contract/api';

/** Why a server could not listen, from the system's error code. */
export function listenError(error: NodeJS.ErrnoException, server: ServerName, host: string, port: number): { ok: false } & ListenFailure {
  switch (error.code) {
    case 'EADDRINUSE':
      return { ok: false, code: 'port-in-use', server, host, port };
    case 'EACCES':
      return { ok: false, code: 'port-forbidden', server, port };
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return { ok: false, code: 'host-unavailable', server, host };
    default:
      return { ok: false, code: 'listen-failed', server, host, port, reason: error.message };
  }
}
