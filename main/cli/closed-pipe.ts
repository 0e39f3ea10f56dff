/**
 * Whoever reads our output may go away first (`calls | head -1`): the next write fails with
 * EPIPE. Like other Unix tools the command then ends quietly with exit 0, so this turns the
 * stream's error into a signal instead of an uncaught exception with a stack trace. Nothing
 * is added to the writes themselves: the listener runs only when a stream fails.
 */
export function watchForClosedPipe(streams: NodeJS.WritableStream[]): AbortSignal {
  const closed = new AbortController();
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
        closed.abort();
        return;
      }
      // Any other failure of our own output is a bug worth its stack trace.
      throw error;
    });
  }
  return closed.signal;
}
