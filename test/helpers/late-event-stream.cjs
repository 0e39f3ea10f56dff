// A serve's event stream heard late, as by a follow on a busy machine: each piece of the stream
// that a process reads with fetch (a `calls --follow` hearing a serve's waits) reaches it
// FC_EVENT_STREAM_LATE_MS after it came, in order; every other request is left as it is.
// Preloaded into a command (`node -r <this> cli.js calls --follow ...`).
const lateMs = Number(process.env.FC_EVENT_STREAM_LATE_MS ?? 0);
const fetchNow = globalThis.fetch;

globalThis.fetch = async (input, init) => {
  const response = await fetchNow(input, init);
  if (!String(input).includes('/api/events?') || response.body === null) return response;
  const late = response.body.pipeThrough(
    new TransformStream({
      transform: (piece, stream) =>
        new Promise((resolve) =>
          setTimeout(() => {
            stream.enqueue(piece);
            resolve();
          }, lateMs),
        ),
    }),
  );
  return new Response(late, { status: response.status, headers: response.headers });
};
