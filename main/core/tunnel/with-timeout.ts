export function clearTimer(timer: NodeJS.Timeout | null): void {
  if (timer) clearTimeout(timer);
}

/**
 * The promise's value, or undefined when it did not settle in time or `stop` was aborted first
 * (its rejection passes through). Its timer goes with it, so nothing is left holding the loop.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, stop?: AbortSignal): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  let onStop: (() => void) | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    onStop = () => resolve(undefined);
    if (stop?.aborted) resolve(undefined);
    stop?.addEventListener('abort', onStop, { once: true });
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
    if (onStop) stop?.removeEventListener('abort', onStop);
  }
}
