import { closedPort } from './handler-process';
import { startServe, type ServeProcess } from './spawn-cli';

/**
 * A real serve on `dataDir` forwarding every action to a handler nobody runs (a port listened on,
 * then closed): each call it gets is answered 502 in the handler's place. Killed by `cleanups`.
 * `nobody` is where that handler would be (`http://127.0.0.1:<port>`).
 */
export async function serveForwardingToNobody(
  dataDir: string,
  key: string,
  cleanups: (() => void | Promise<void>)[],
): Promise<{ server: ServeProcess; nobody: string }> {
  const dead = `http://127.0.0.1:${await closedPort()}`;
  const server = await startServe(
    ['--port', '0', '--no-inspector', '--forward', `${dead}/actions/{action_name}`, '--forward-timeout', '2000', '--data-dir', dataDir],
    { FLOWENT_HMAC_KEY: key },
  );
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return { server, nobody: dead };
}
