import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Opens a plain TCP connection, for requests no well-behaved HTTP client would send. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Reads everything until the server closes the connection or `timeoutMs` passes. */
export function readAll(socket: Socket, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    const done = () => {
      clearTimeout(timer);
      resolve(data);
    };
    const timer = setTimeout(() => {
      socket.destroy();
      done();
    }, timeoutMs);
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('close', done);
    socket.on('error', done);
  });
}

/** Parses the first HTTP/1.1 response in `text` (Content-Length bodies only). */
export function parseResponse(text: string): RawResponse {
  const headerEnd = text.indexOf('\r\n\r\n');
  const head = text.slice(0, headerEnd).split('\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const body = Buffer.from(text.slice(headerEnd + 4), 'latin1')
    .subarray(0, length)
    .toString('utf8');
  return { status, headers, body };
}

/** Every HTTP/1.1 response in `text`, in order (what a pipelined or refused connection received). */
export function parseResponses(text: string): RawResponse[] {
  const starts = [...text.matchAll(/HTTP\/1\.1 \d{3} /g)].map((match) => match.index ?? 0);
  return starts.map((start, i) => parseResponse(text.slice(start, starts[i + 1] ?? text.length)));
}

/** Sends raw bytes and returns the parsed response (the server must close or answer). */
export async function rawRequest(port: number, bytes: string | Buffer, timeoutMs = 5_000): Promise<RawResponse> {
  const socket = await openSocket(port);
  const received = readAll(socket, timeoutMs);
  socket.write(bytes);
  return parseResponse(await received);
}

/** Sends raw bytes on a fresh connection and returns every response received until it closed. */
export async function rawExchange(port: number, bytes: string | Buffer, timeoutMs = 10_000): Promise<RawResponse[]> {
  const socket = await openSocket(port);
  const received = readAll(socket, timeoutMs);
  socket.write(bytes);
  return parseResponses(await received);
}
