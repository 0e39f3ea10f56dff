import type { Result } from '../../contract/api';

/** Maps why a server could not listen to a stable code and a message naming the fix. */
export function listenError(error: NodeJS.ErrnoException, host: string, port: number): Result<never> {
  switch (error.code) {
    case 'EADDRINUSE':
      return {
        ok: false,
        code: 'port-in-use',
        message: `Port ${port} on ${host} is already in use. Stop the program using it, or choose another port with --port (--port 0 picks a free one).`,
      };
    case 'EACCES':
      return {
        ok: false,
        code: 'port-forbidden',
        message: `This user may not listen on port ${port}. Ports below 1024 need extra rights: choose another with --port.`,
      };
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return {
        ok: false,
        code: 'host-unavailable',
        message: `Cannot listen on ${host}: this machine has no such address. Use --host 127.0.0.1, or --host 0.0.0.0 for every interface.`,
      };
    default:
      return { ok: false, code: 'listen-failed', message: `Cannot listen on ${host}:${port}: ${error.message}` };
  }
}
