import { vi } from 'vitest';
import {
  API_METHODS,
  type CoreEvent,
  type CoreStatus,
  type ProjectMissing,
  type ProjectState,
  type Result,
  type StartFailure,
  type StoreFailure,
} from '../../main/contract/api';
import type { Core, CoreOptions } from '../../main/core';

export const FAKE_STATUS = {
  webhookBaseUrl: 'http://127.0.0.1:8787',
  host: '127.0.0.1',
  port: 8787,
  hmacKey: { set: false, source: null },
  tunnel: { state: 'offline', url: null, reason: null },
} as unknown as CoreStatus;

/** A stand-in core per the createCore interface: records options, open, listen and stop. */
export type FakeCore = Core & {
  options: CoreOptions;
  emit(event: CoreEvent): void;
  open: ReturnType<typeof vi.fn>;
  openProject: ReturnType<typeof vi.fn>;
  listen: ReturnType<typeof vi.fn>;
  stop: ReturnType<typeof vi.fn>;
};

/**
 * Every API method answers "<method> answer" (getStatus a plausible status, listBulkReplays none); listen emits one
 * event and returns `startResult()`; stop waits for `stopped`. Both are logged in `calls`.
 */
export function createFakeCore(
  options: CoreOptions,
  hooks: { calls: string[]; startResult(): Result<{ host: string; port: number; baseUrl: string }, StartFailure>; stopped: Promise<void> },
): FakeCore {
  const listeners = new Set<(event: CoreEvent) => void>();
  const core: FakeCore = {
    options,
    api: {
      ...Object.fromEntries(API_METHODS.map((m) => [m, vi.fn(async () => `${m} answer`)])),
      getStatus: vi.fn(async () => FAKE_STATUS),
      listBulkReplays: vi.fn(async () => ({ running: [], finished: [] })),
    } as unknown as Core['api'],
    subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    writeHar: vi.fn(async () => ({ count: 0, matched: 0 })),
    emit: (event) => listeners.forEach((l) => l(event)),
    open: vi.fn(async (): Promise<Result<void, StoreFailure | ProjectMissing>> => ({ ok: true, value: undefined })),
    openProject: vi.fn((dir: string | null): Result<ProjectState, ProjectMissing> => {
      hooks.calls.push(`core.openProject(${dir})`);
      return { ok: true, value: { dir, problems: [], stale: [], answers: [], actions: [], versions: {}, contractWarnings: [] } };
    }),
    listen: vi.fn(async () => {
      hooks.calls.push('core.listen');
      core.emit({ type: 'history-cleared' });
      return hooks.startResult();
    }),
    follow: vi.fn(() => hooks.calls.push('core.follow')),
    stop: vi.fn(async () => {
      hooks.calls.push('core.stop');
      await hooks.stopped;
      hooks.calls.push('core.stopped');
    }),
  };
  return core;
}
