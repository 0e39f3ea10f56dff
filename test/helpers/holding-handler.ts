import { createServer, type ServerResponse } from 'node:http';

export interface HoldingHandler {
  port: number;
  /** Resolves when the first call has reached it. */
  firstArrived: Promise<void>;
  /** Answers every call it holds. */
  answerAll(): void;
  /** Answers what it holds, and stops. */
  close(): Promise<void>;
}

/**
 * A developer's handler on port 0 that holds every call until `answerAll` (`answerAfterMs`
 * null), or answers each by itself after `answerAfterMs`: the slow or hung handler a forwarded
 * call waits on.
 */
export async function holdingHandler(answerAfterMs: number | null): Promise<HoldingHandler> {
  const holding: ServerResponse[] = [];
  let arrived = () => {};
  const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
  const answer = (response: ServerResponse) => {
    if (response.writableEnded) return;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"result":"sent","error":""}');
  };
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      arrived();
      if (answerAfterMs === null) holding.push(response);
      else setTimeout(() => answer(response), answerAfterMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    firstArrived,
    answerAll: () => holding.forEach(answer),
    close: async () => {
      holding.forEach(answer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
