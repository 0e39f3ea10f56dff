import { createServer } from 'node:net';

/** Below Linux's default ephemeral range (32768-60999) and macOS's (49152-65535), above the well-known ports. */
const BELOW_EPHEMERAL = { low: 20_000, high: 32_000 } as const;

/**
 * A free loopback port that a test can give up and take back (a restart, an outage).
 *
 * A port picked by the system (port 0) comes from the ephemeral range, where another test's
 * listener or outgoing connection can be handed it while it is free, and the test then fails
 * with EADDRINUSE on the way back. Ports below that range are only ever taken by name, so one
 * is picked there at random, and another tried if it is taken.
 */
export async function steadyPort(): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    const port = BELOW_EPHEMERAL.low + Math.floor(Math.random() * (BELOW_EPHEMERAL.high - BELOW_EPHEMERAL.low));
    if (await isFree(port)) return port;
    if (attempt >= 50) throw new Error(`No free port between ${BELOW_EPHEMERAL.low} and ${BELOW_EPHEMERAL.high} after 50 tries.`);
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
