// Each way a connection fails, made for real on this machine, and what the user reads of it:
// for the Gateway (through the command line) and for a forwarding target (the stored answer).
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { networkInWords } from '../../main/contract/words/network-words';
import { networkProblemOf } from '../../main/core/network-problem';
import { runInProcess } from '../helpers/in-process-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const EDGE = join(__dirname, '../fixtures/ngrok-edge');
const { cleanups, tempDir } = cleanupsPerTest();

function listening(server: Server): Promise<number> {
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TLS server whose certificate no system trusts (signed by the tests' own CA). */
async function untrustedTls(): Promise<number> {
  const server = createHttpsServer(
    { cert: readFileSync(join(EDGE, 'test-edge-cert.pem')), key: readFileSync(join(EDGE, 'test-edge-key.pem')) },
    (_request, response) => response.end('{}'),
  );
  return listening(server as unknown as Server);
}

/** Accepts connections and never answers. */
async function silent(): Promise<number> {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((socket) => sockets.add(socket));
  const port = await listening(server);
  // After the server's close in the cleanups' reverse order: close waits for these.
  cleanups.push(() => sockets.forEach((socket) => socket.destroy()));
  return port;
}

async function failureOf(url: string, timeoutMs = 5_000): Promise<unknown> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return error;
  }
  throw new Error(`${url} answered`);
}

describe('a network failure in words', () => {
  it('tells refused, name not found, TLS and timeout apart from the client error, with the address', async () => {
    const refusedAt = `http://127.0.0.1:${await closedPort()}/api`;
    const refused = networkProblemOf(await failureOf(refusedAt));
    expect(refused).toEqual({ kind: 'refused' });
    expect(networkInWords(refused, refusedAt)).toBe(
      `the connection to ${new URL(refusedAt).host} was refused (nothing is listening there)`,
    );

    const unknownName = networkProblemOf(await failureOf('http://gateway.flowent.invalid/api'));
    expect(unknownName.kind).toBe('name-not-found');
    expect(networkInWords(unknownName, 'http://gateway.flowent.invalid/api')).toMatch(
      /^the name gateway\.flowent\.invalid (was not found|could not be looked up)/,
    );

    const tlsAt = `https://127.0.0.1:${await untrustedTls()}/api`;
    const tls = networkProblemOf(await failureOf(tlsAt));
    expect(tls.kind).toBe('tls');
    expect(networkInWords(tls, tlsAt)).toMatch(
      /^the secure connection \(TLS\) to 127\.0\.0\.1:\d+ failed: its certificate .+ \([A-Z_]+\)$/,
    );

    const slowAt = `http://127.0.0.1:${await silent()}/api`;
    const slow = networkProblemOf(await failureOf(slowAt, 200));
    expect(slow).toEqual({ kind: 'timeout' });
    expect(networkInWords(slow, slowAt)).toBe(`${new URL(slowAt).host} did not answer in time`);
  });

  it('says why the Gateway cannot be reached, never the client exception class', async () => {
    const dataDir = tempDir();
    const gateways = [
      [`http://127.0.0.1:${await closedPort()}/api/v1/gateway`, /was refused \(nothing is listening there\)/],
      ['http://gateway.flowent.invalid/api/v1/gateway', /the name gateway\.flowent\.invalid (was not found|could not be looked up)/],
      [
        `https://127.0.0.1:${await untrustedTls()}/api/v1/gateway`,
        /the secure connection \(TLS\) to 127\.0\.0\.1:\d+ failed: its certificate/,
      ],
    ] as const;
    for (const [baseUrl, why] of gateways) {
      const listed = await runInProcess(['actions', 'list', '--data-dir', dataDir], {
        env: { FLOWENT_BASE_URL: baseUrl, FLOWENT_API_TOKEN: 'token' },
      });
      expect(listed.code).toBe(1);
      expect(listed.stderr).toContain(`Cannot reach the Flowent Gateway at ${baseUrl}: `);
      expect(listed.stderr).toMatch(why);
      expect(listed.stderr).not.toMatch(/TypeError|Error\)/);
    }
  });

  it("says a port fetch will not connect to is one, where fetch says only 'bad port'", async () => {
    const dataDir = tempDir();
    const baseUrl = 'http://127.0.0.1:1/api/v1/gateway';
    expect(networkProblemOf(await failureOf(baseUrl))).toEqual({ kind: 'blocked-port' });
    const listed = await runInProcess(['actions', 'list', '--data-dir', dataDir], {
      env: { FLOWENT_BASE_URL: baseUrl, FLOWENT_API_TOKEN: 'token' },
    });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain(
      `Cannot reach the Flowent Gateway at ${baseUrl}: port 1 is one that HTTP clients refuse to connect to (it is kept for another service); use another port, such as 8000.`,
    );
    expect(listed.stderr).not.toContain('bad port');
  });

  it('says why a forwarding target cannot be reached over TLS', async () => {
    const dataDir = tempDir();
    const target = `https://127.0.0.1:${await untrustedTls()}/hook`;
    const sent = await runInProcess(['send', 'send_email', '--test', '--target', target, '--data-dir', dataDir], { env: {} });
    expect(sent.code).toBe(1);
    expect(sent.stdout).toMatch(
      /Your handler at https:\/\/127\.0\.0\.1:\d+\/hook cannot be reached: the secure connection \(TLS\) to 127\.0\.0\.1:\d+ failed: its certificate/,
    );
  });
});
