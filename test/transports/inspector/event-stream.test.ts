import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import type { CallSummary, CoreEvent, DeliveredEvent } from '../../../main/contract/api';
import { EventStream } from '../../../main/transports/inspector/event-stream';

let server: Server | null = null;
let stream: EventStream | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((socket) => socket.destroy());
  stream?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  stream = null;
});

/** A real HTTP server whose every request opens the stream, with a small queue for the test. */
async function startStream(): Promise<number> {
  const own = new EventStream('test-run', { maxBatch: 1, maxQueue: 20 });
  stream = own;
  server = createServer((_request, response) => own.open(response));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server!.address() as { port: number }).port;
}

interface Client {
  socket: Socket;
  text(): string;
  /** Resolves once the client has read this many whole batches (checked as data arrives, not on a clock). */
  batchesRead(count: number): Promise<void>;
}

/** How a batch's line ends (the hello's data is an object, not a list). */
const BATCH_END = ']\n\n';
const countEnds = (text: string) => text.split(BATCH_END).length - 1;

/** A raw client: it can stop reading, as a busy or frozen page does. */
function openClient(port: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    // Chunks, joined only when read: appending to one growing string and slicing it costs a
    // copy of everything read so far per chunk.
    const chunks: string[] = [];
    let tail = '';
    let batches = 0;
    let greeted = false;
    const waiters = new Set<() => void>();
    const client: Client = {
      socket,
      text: () => chunks.join(''),
      batchesRead: (count) =>
        new Promise((done) => {
          const check = () => {
            if (batches < count) return;
            waiters.delete(check);
            done();
          };
          waiters.add(check);
          check();
        }),
    };
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      // Counted in the new text plus the old text's tail, where an end may have been cut in two.
      const added = chunk.toString('utf8');
      chunks.push(added);
      batches += countEnds(tail + added) - countEnds(tail);
      tail = (tail + added).slice(-BATCH_END.length);
      waiters.forEach((check) => check());
      if (!greeted && client.text().includes('event: hello')) {
        greeted = true;
        resolve(client);
      }
    });
    socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
  });
}

/** The batches in what a client read (chunked transfer framing aside, each data line is whole). */
function batchesIn(text: string): DeliveredEvent[][] {
  return [...text.matchAll(/^data: (\[.*\])$/gm)].map((match) => JSON.parse(match[1]!) as DeliveredEvent[]);
}

/** A call event of about 200 KB, so a few dozen fill the socket's buffers. */
const bigCall = (id: number): CoreEvent => ({ type: 'call-stored', call: { id, path: `/${'x'.repeat(200_000)}` } as CallSummary });

it('a page that stops reading is held back alone, then gets a resync marker in place of what it missed', async () => {
  const port = await startStream();
  const slow = await openClient(port);
  const quick = await openClient(port);
  slow.socket.pause();
  // 200 calls of 200 KB: far more than the socket's buffers hold, so the slow page's batcher
  // pauses, its queue fills up and overflows. The page that reads keeps up with each one.
  for (let id = 1; id <= 200; id++) {
    stream!.push(bigCall(id));
    await quick.batchesRead(id);
  }
  expect(batchesIn(quick.text()).flat()).toHaveLength(200);
  expect(
    batchesIn(quick.text())
      .flat()
      .some((event) => event.type === 'resync'),
  ).toBe(false);

  slow.socket.resume();
  // Whatever it read before it stopped, plus the batches that waited for it: at most 20.
  const readBefore = batchesIn(slow.text()).length;
  await expect.poll(() => batchesIn(slow.text()).flat().at(-1), { timeout: 30_000 }).toMatchObject({ call: { id: 200 } });
  const events = batchesIn(slow.text()).flat();
  expect(readBefore).toBeLessThan(events.length);
  const marker = events.findIndex((event) => event.type === 'resync');
  expect(marker).toBeGreaterThan(0);
  expect(events.filter((event) => event.type === 'resync')).toHaveLength(1);
  const ids = events.map((event) => (event.type === 'call-stored' ? event.call.id : 0));
  // In order: the calls sent before the page stopped reading, the marker, then the newest calls.
  const callIds = ids.filter((id) => id > 0);
  expect(callIds).toEqual([...callIds].sort((a, b) => a - b));
  expect(events.length).toBeLessThan(200);
  expect(events.length - marker - 1).toBeLessThanOrEqual(19);
});
