/** One thing to stop when the app quits, e.g. the tunnel, or the core (server, then database). */
export interface ShutdownStep {
  name: string;
  run(): void | Promise<void>;
  /** This step's own bound, when the default does not fit it (a tunnel on a dead network). */
  timeoutMs?: number;
}

export interface ShutdownOptions {
  /**
   * Asked before anything stops (the window's page may hold unsaved edits): false calls the
   * quit off with everything still running, and the next quit asks again. It must settle on
   * its own (closeForQuit bounds a hung page); a throw counts as yes.
   */
  mayQuit?: () => Promise<boolean>;
  /** Read when the shutdown starts, so steps added later (a tunnel) are included. In order. */
  steps(): ShutdownStep[];
  exit(code: number): void;
  /** Each step gets this long before the next one starts anyway; default 5 s. */
  stepTimeoutMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The quit sequence: `mayQuit` first, then every step in order, each bounded by a timeout so a
 * hung step cannot keep the app alive, then `exit`. A second call while asking or shutting down
 * does nothing. A failing step is logged and the next one still runs: the database must be
 * closed even when the tunnel fails to close.
 */
export interface Shutdown {
  (exitCode: number): Promise<void>;
  /** True from the moment a quit asks until it is called off: the window closing then is the quit's doing. */
  underway(): boolean;
}

export function createShutdown(options: ShutdownOptions): Shutdown {
  const timeoutMs = options.stepTimeoutMs ?? 5_000;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  let phase: 'running' | 'asking' | 'stopping' = 'running';
  const shutdown = async (exitCode: number): Promise<void> => {
    if (phase !== 'running') return;
    phase = 'asking';
    let quit = true;
    try {
      quit = (await options.mayQuit?.()) ?? true;
    } catch (error) {
      log('Asking whether to quit failed; quitting:', error);
    }
    if (!quit) {
      phase = 'running';
      return;
    }
    phase = 'stopping';
    for (const step of options.steps()) {
      const stepTimeoutMs = step.timeoutMs ?? timeoutMs;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((done) => {
        timer = setTimeout(() => done('timeout'), stepTimeoutMs);
      });
      try {
        const outcome = await Promise.race([Promise.resolve().then(() => step.run()), timeout]);
        if (outcome === 'timeout') log(`Stopping ${step.name} took over ${stepTimeoutMs} ms; going on.`);
      } catch (error) {
        log(`Stopping ${step.name} failed:`, error);
      } finally {
        clearTimeout(timer);
      }
    }
    options.exit(exitCode);
  };
  return Object.assign(shutdown, { underway: () => phase !== 'running' });
}
