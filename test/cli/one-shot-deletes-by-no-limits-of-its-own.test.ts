import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type HistoryLimits } from '../../main/contract/api';
import { createCore } from '../../main/core';
import { openStore } from '../../main/core/store/open-store';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { startHandler, type HandlerProcess } from '../helpers/handler-process';
import { storedCall } from '../helpers/new-call';
import { runCli, startServe, type RunResult, type ServeProcess } from '../helpers/spawn-cli';

// A one-shot command that stores calls (send, replay, import) deletes none by limits of its own,
// the stored ones or the defaults: a `send` into a big history, or beside a `serve --keep-calls 0`
// the user told to keep everything, must not trim it. Only what the companions running on the
// folder want gone goes, as they would delete it anyway; an import says so, as it did.
const { cleanups, tempDir } = cleanupsPerTest();
const KEY = { FLOWENT_HMAC_KEY: 'k' };

/** Calls received in the last hour (the age limit wants none of them gone), written straight into the history. */
async function fillHistory(dataDir: string, count: number, action = 'send_email'): Promise<void> {
  const opened = openStore({ dataDir });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  const since = Date.now() - 60 * 60 * 1000;
  try {
    for (let done = 0; done < count; done += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, count - done) }, (_, k) =>
        storedCall({ action, path: `/actions/${action}`, receivedAt: since + done + k }),
      );
      opened.value.calls.insert(batch);
    }
  } finally {
    await opened.value.close();
  }
}

/** The history's calls as SQLite counts them: nothing of the command's own reading in between. */
function storedCount(dataDir: string, where = '1 = 1'): number {
  const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM calls WHERE ${where}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Stores limits in the folder's settings, as the Settings dialog does: a companion without flags keeps by them. */
async function storeLimits(dataDir: string, limits: Partial<HistoryLimits>): Promise<void> {
  const core = createCore({ mode: 'headless', dataDir });
  expect((await core.open()).ok).toBe(true);
  expect((await core.api.setLimits({ ...DEFAULT_LIMITS, ...limits })).ok).toBe(true);
  await core.stop();
}

/** A serve on the folder, once its state file (which one-shot commands read its limits from) is written, just after its header. */
async function serve(dataDir: string, flags: string[]): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir, ...flags], KEY);
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  await expect.poll(() => existsSync(join(dataDir, 'serve-states', `${server.child.pid}.json`))).toBe(true);
  return server;
}

async function handler(): Promise<HandlerProcess> {
  const started = await startHandler();
  cleanups.push(() => started.stop());
  return started;
}

/**
 * Runs a command that sends to the handler's `gated` action and holds its call there for two
 * seconds once it arrives: the command's core is open all that time, and its retention takes
 * four looks (one every half second), so anything it meant to delete would be gone.
 */
async function heldAtTheHandler(target: HandlerProcess, args: string[]): Promise<RunResult> {
  const before = (await target.received()).length;
  const run = runCli([...args, '--target', target.target], KEY);
  await expect.poll(async () => (await target.received()).length).toBe(before + 1);
  await sleep(2_000);
  await target.release(1);
  return run;
}

describe('a one-shot command beside no serve', () => {
  it('send into a history over the default 100,000 calls deletes none of them, and says nothing of deleting', async () => {
    const dataDir = tempDir();
    // Over the default by more than a slice (256): a retention by the defaults would not even wait for a quiet moment.
    await fillHistory(dataDir, 100_300);
    const sent = await heldAtTheHandler(await handler(), ['send', 'gated', '--data-dir', dataDir]);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(storedCount(dataDir)).toBe(100_301);
    expect(sent.stdout).not.toMatch(/delet/i);
  });
});

describe('a one-shot command beside a serve', () => {
  it('send and replay beside a serve --keep-calls 0 delete nothing, whatever limits the settings hold', async () => {
    const dataDir = tempDir();
    // The stored limits: those a companion without flags keeps by, and the one-shot commands did.
    await storeLimits(dataDir, { keepCalls: 3 });
    await fillHistory(dataDir, 10, 'gated');
    const server = await serve(dataDir, ['--keep-calls', '0']);
    expect(server.stdout()).toContain('Limits:       keeps at most 14 days, 1 GB');
    const target = await handler();

    const sent = await heldAtTheHandler(target, ['send', 'gated', '--data-dir', dataDir]);
    expect(sent.code).toBe(0);
    expect(storedCount(dataDir)).toBe(11);
    const replayed = await heldAtTheHandler(target, ['replay', '1', '--data-dir', dataDir]);
    expect(replayed.code).toBe(0);
    expect(storedCount(dataDir)).toBe(12);
  });

  it("an import deletes at once what the serve's --keep-calls wants gone, and says so, not what the settings would", async () => {
    const dataDir = tempDir();
    await storeLimits(dataDir, { keepCalls: 3 });
    const server = await serve(dataDir, ['--keep-calls', '8']);
    // Stored whatever the serve answers them (400: not a Flowent call).
    for (let i = 0; i < 5; i++)
      await fetch(`${server.baseUrl}/actions/today${i}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    await expect.poll(() => storedCount(dataDir)).toBe(5);
    const har = join(dataDir, 'old.har');
    expect((await runCli(['export', '--data-dir', dataDir, '--har', har])).code).toBe(0);
    // The same calls, as received in October of last year: past a limit they go before today's.
    writeFileSync(har, readFileSync(har, 'utf8').replace(/"startedDateTime": "\d{4}-\d\d/g, '"startedDateTime": "2025-10'));

    const imported = await runCli(['import', har, '--data-dir', dataDir], KEY);
    expect(imported.code).toBe(0);
    // 10 calls where the serve keeps 8: the 2 received longest ago, both imported.
    expect(imported.stdout).toContain(
      `Imported 5 calls from ${har}; the history's limits delete 2 of them at once (past a limit, the calls received longest ago go first).`,
    );
    await expect.poll(() => storedCount(dataDir)).toBe(8);
    await sleep(1_500);
    expect(storedCount(dataDir)).toBe(8);
    expect(storedCount(dataDir, "source = 'import'")).toBe(3);
  });
});

describe("a one-shot command's core", () => {
  it("shows the folder's limits, as the stored settings give them", async () => {
    const dataDir = tempDir();
    await storeLimits(dataDir, { keepCalls: 3, keepDays: 2 });
    const core = createCore({ mode: 'headless', dataDir, oneShot: true });
    expect((await core.open()).ok).toBe(true);
    cleanups.push(() => core.stop());
    const limits = await core.api.getLimits();
    expect(limits.current).toEqual({ ...DEFAULT_LIMITS, keepCalls: 3, keepDays: 2 });
    expect(limits.fixedForThisRun).toEqual([]);
  });
});
