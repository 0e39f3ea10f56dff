import Database from 'better-sqlite3';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { startServe } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const KEY = 'crash-key';
const dir = makeTempDir();
afterAll(() => dir.remove());

/** Sends one call; resolves with its number when it got a 200, null when the server died first. */
function sendNumbered(agent: Agent, baseUrl: URL, n: number): Promise<number | null> {
  const body = signedBody(flowentPayload('crash_test', { n }), KEY);
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: baseUrl.hostname,
        port: baseUrl.port,
        path: '/actions/crash_test',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200 ? n : null));
        res.on('error', () => resolve(null));
      },
    );
    req.on('error', () => resolve(null));
    req.end(body);
  });
}

const ROUNDS = Number(process.env.KILL_ROUNDS ?? 3);

it(
  `kill -9 in the middle of sustained load, ${ROUNDS} times on one history, loses no answered call and leaves a sound database`,
  async () => {
    const answered: number[] = [];
    let next = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const server = await startServe(['--port', '0', '--data-dir', dir.path], { FLOWENT_HMAC_KEY: KEY });
      const baseUrl = new URL(server.baseUrl);
      const agent = new Agent({ keepAlive: true, maxSockets: 16 });
      const answeredBefore = answered.length;
      let dead = false;
      const worker = async () => {
        while (!dead) {
          const result = await sendNumbered(agent, baseUrl, next++);
          if (result !== null) answered.push(result);
        }
      };
      const workers = Array.from({ length: 16 }, worker);
      // Let the load run until a good number of calls were answered (however busy the machine
      // is), then pull the plug while calls are in flight.
      const loadStarted = Date.now();
      while (answered.length - answeredBefore < 200 && Date.now() - loadStarted < 30_000)
        await new Promise((resolve) => setTimeout(resolve, 20));
      server.child.kill('SIGKILL');
      await server.exited;
      dead = true;
      await Promise.all(workers);
      agent.destroy();
      expect(answered.length - answeredBefore, `round ${round}`).toBeGreaterThan(100);

      const db = new Database(join(dir.path, 'history.sqlite'));
      expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
      const stored = new Set(
        (db.prepare("SELECT json_extract(CAST(request_body AS TEXT), '$.parameters.n') AS n FROM calls").all() as { n: number }[]).map(
          (row) => row.n,
        ),
      );
      db.close();
      const lost = answered.filter((n) => !stored.has(n));
      expect(lost, `round ${round}: answered but not stored: ${lost.slice(0, 10).join(', ')}`).toEqual([]);
    }
    console.log(`kill -9 figures: ${JSON.stringify({ rounds: ROUNDS, answered: answered.length, lost: 0 })}`);
  },
  60_000 * ROUNDS,
);
