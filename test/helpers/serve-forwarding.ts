import { closedPort } from './handler-process';
import { startServe, type ServeProcess } from './spawn-cli';

/**
 * A real serve on `dataDir` forwarding every action to `target` (`.../{action_name}`, a password
 * in it if the test wants one), waiting 2 s for the handler. Killed by `cleanups`.
 */
export async function serveForwardingTo(
  dataDir: string,
  target: string,
  key: string,
  cleanups: (() => void | Promise<void>)[],
): Promise<ServeProcess> {
  const server = await startServe(
    ['--port', '0', '--no-inspector', '--forward', target, '--forward-timeout', '2000', '--data-dir', dataDir],
    {
      FLOWENT_HMAC_KEY: key,
    },
  );
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

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
  const nobody = `http://127.0.0.1:${await closedPort()}`;
  return { server: await serveForwardingTo(dataDir, `${nobody}/actions/{action_name}`, key, cleanups), nobody };
}
