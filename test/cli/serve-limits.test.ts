import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../main/contract/api';
import { startCore } from '../helpers/running-core';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

// serve --keep-* and --rate-limit: the history stays within the limits given for the run, and a
// caller over the rate gets 429. One history for every serve on a data folder: the strictest
// --keep-* of those running trims it, and each serve says so; an import says when the limits
// delete what it just imported.
const { cleanups, tempDir } = cleanupsPerTest();

async function serve(args: string[]): Promise<ServeProcess> {
  const server = await startServe(args, { FLOWENT_HMAC_KEY: 'k' });
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

const post = (url: string) => fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });

async function storedPaths(dataDir: string): Promise<string[]> {
  const listed = await runCli(['calls', '--json', '--data-dir', dataDir, '--limit', '1000']);
  return listed.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { path: string }).path);
}

const storedCalls = async (dataDir: string) => (await storedPaths(dataDir)).length;

describe('serve --keep-calls, --keep-days, --keep-size, --rate-limit', () => {
  it('keeps only the newest calls past --keep-calls', async () => {
    const dataDir = tempDir();
    const server = await serve(['--port', '0', '--data-dir', dataDir, '--keep-calls', '5']);
    for (let i = 0; i < 12; i++) await post(`${server.baseUrl}/actions/a${i}`);
    await expect.poll(() => storedCalls(dataDir), { timeout: 15_000 }).toBe(5);
    const listed = await runCli(['calls', '--json', '--data-dir', dataDir]);
    const actions = listed.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { path: string }).path);
    expect(actions).toEqual(['/actions/a11', '/actions/a10', '/actions/a9', '/actions/a8', '/actions/a7']);
  });

  it('answers 429 past --rate-limit', async () => {
    const server = await serve(['--port', '0', '--data-dir', tempDir(), '--rate-limit', '1/s']);
    const statuses = await Promise.all(Array.from({ length: 10 }, async () => (await post(`${server.baseUrl}/actions/a`)).status));
    expect(statuses).toContain(429);
  });

  it('refuses values it cannot read, saying what it expects', async () => {
    const dataDir = tempDir();
    const rate = await runCli(['serve', '--port', '0', '--data-dir', dataDir, '--rate-limit', 'fast']);
    expect(rate.code).toBe(2);
    expect(rate.stderr).toMatch(/--rate-limit must be requests a second such as 20\/s/);
    const size = await runCli(['serve', '--port', '0', '--data-dir', dataDir, '--keep-size', '10kb']);
    expect(size.code).toBe(2);
    expect(size.stderr).toMatch(/--keep-size must be at least 1mb/);
  });
});

describe('serve --rate-limit 0/s', () => {
  it('is no limit for the run, in the <n>/s form the help gives, over a rate limit stored in the settings', async () => {
    const dataDir = tempDir();
    const stored = await startCore({ dataDir });
    expect((await stored.core.api.setLimits({ ...DEFAULT_LIMITS, rateLimitPerSecond: 1 })).ok).toBe(true);
    await stored.close();
    const server = await serve(['--port', '0', '--data-dir', dataDir, '--rate-limit', '0/s']);
    const statuses = await Promise.all(Array.from({ length: 10 }, async () => (await post(`${server.baseUrl}/actions/a`)).status));
    expect(statuses).not.toContain(429);
  });
});

describe('serve --keep-size 0 in any unit', () => {
  it('is no limit for the run, as --keep-size 0 is, over a size limit stored in the settings', async () => {
    const dataDir = tempDir();
    const stored = await startCore({ dataDir });
    expect((await stored.core.api.setLimits({ ...DEFAULT_LIMITS, keepBytes: 5 * 1024 * 1024 })).ok).toBe(true);
    await stored.close();
    for (const zero of ['0', '0mb', '0gb', '0kb']) {
      const server = await serve(['--port', '0', '--data-dir', dataDir, '--keep-size', zero]);
      const token = /#token=([\w-]+)/.exec(server.inspectorUrl ?? '')?.[1];
      const limits = await fetch(`${new URL(server.inspectorUrl!).origin}/api/call/getLimits`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '[]',
      });
      expect(await limits.json(), zero).toMatchObject({ value: { current: { keepBytes: null }, fixedForThisRun: ['keepBytes'] } });
      server.child.kill('SIGINT');
      await server.exited;
    }
  });
});

/** The serve's state file is written just after its header: a second serve started before it would not see it. */
const published = (dataDir: string, pid: number) => {
  try {
    return readdirSync(join(dataDir, 'serve-states')).includes(`${pid}.json`);
  } catch {
    return false;
  }
};

describe('serves sharing a history folder', () => {
  it('each says the stricter --keep-calls of the other holds for the history they share, at start and when it starts later', async () => {
    const dataDir = tempDir();
    const strict = await serve(['--port', '0', '--no-inspector', '--data-dir', dataDir, '--keep-calls', '10']);
    await expect.poll(() => published(dataDir, strict.child.pid!)).toBe(true);
    const loose = await serve(['--port', '0', '--no-inspector', '--data-dir', dataDir]);
    expect(loose.stdout()).toContain('Limits:       keeps at most 100,000 calls');
    expect(loose.stdout().replace(/\s+/g, ' ')).toContain(
      `Shared: the serve of process ${strict.child.pid} also uses this history and keeps at most 10 calls: that holds here too while it runs.`,
    );
    // The serve that started first is told too, within its next look.
    await strict.waitFor(new RegExp(`Shared: +the serve of process ${loose.child.pid} also uses this history, and these limits`));
    for (let i = 0; i < 30; i++) await post(`${loose.baseUrl}/actions/b${i}`);
    await expect.poll(async () => (await storedPaths(dataDir)).length, { timeout: 15_000 }).toBe(10);

    strict.child.kill('SIGINT');
    await strict.exited;
    await loose.waitFor(new RegExp(`process ${strict.child.pid} stopped: its limits no longer hold for this history`));
  });

  it("takes another serve's --keep-calls 0 for no limit, not for the stored limit it sets aside", async () => {
    const dataDir = tempDir();
    const stored = await startCore({ dataDir });
    expect((await stored.core.api.setLimits({ ...DEFAULT_LIMITS, keepCalls: 3 })).ok).toBe(true);
    await stored.close();
    const everything = await serve(['--port', '0', '--no-inspector', '--data-dir', dataDir, '--keep-calls', '0']);
    await expect.poll(() => published(dataDir, everything.child.pid!)).toBe(true);
    const thousand = await serve(['--port', '0', '--no-inspector', '--data-dir', dataDir, '--keep-calls', '1000']);
    expect(thousand.stdout().replace(/\s+/g, ' ')).toContain(
      `Shared: the serve of process ${everything.child.pid} also uses this history, and these limits (at most 1,000 calls) trim its calls too.`,
    );
    for (let i = 0; i < 10; i++) await post(`${thousand.baseUrl}/actions/c${i}`);
    await expect.poll(async () => (await storedPaths(dataDir)).length).toBe(10);
    // Two looks of the retention, one of them quiet: the 3 stored calls would be all that is left by now.
    await new Promise((done) => setTimeout(done, 1_500));
    expect(await storedCalls(dataDir)).toBe(10);
  });
});

/** Five calls received today, exported as a HAR and moved to October of last year: the history keeps them after today's. */
async function oldHar(server: ServeProcess, dataDir: string): Promise<string> {
  for (let i = 0; i < 5; i++) await post(`${server.baseUrl}/actions/today${i}`);
  const har = join(dataDir, 'old.har');
  expect((await runCli(['export', '--data-dir', dataDir, '--har', har])).code).toBe(0);
  writeFileSync(har, readFileSync(har, 'utf8').replace(/"startedDateTime": "\d{4}-\d\d/g, '"startedDateTime": "2025-10'));
  return har;
}

const TODAYS = ['/actions/today0', '/actions/today1', '/actions/today2', '/actions/today3', '/actions/today4'];

describe('import under a count limit', () => {
  it("deletes an old HAR's calls, not today's, and says so", async () => {
    const dataDir = tempDir();
    const server = await serve(['--port', '0', '--no-inspector', '--data-dir', dataDir, '--keep-calls', '5']);
    await expect.poll(() => published(dataDir, server.child.pid!)).toBe(true);
    const har = await oldHar(server, dataDir);
    const imported = await runCli(['import', har, '--data-dir', dataDir], { FLOWENT_HMAC_KEY: 'k' });
    expect(imported.stdout).toContain(
      'Imported 5 calls from old.har'.replace('old.har', har) +
        "; the history's limits delete all 5 of them at once (past a limit, the calls received longest ago go first).",
    );
    await expect.poll(async () => (await storedPaths(dataDir)).sort(), { timeout: 15_000 }).toEqual(TODAYS);
  });

  it("serve's line for a HAR imported from the page says what the limits delete, as import's does, and lists nothing left", async () => {
    const dataDir = tempDir();
    const server = await serve(['--port', '0', '--data-dir', dataDir, '--keep-calls', '5']);
    const har = await oldHar(server, dataDir);
    const page = new URL(server.inspectorUrl!);
    const answer = await fetch(`${page.origin}/api/import-har`, {
      method: 'POST',
      headers: { authorization: `Bearer ${page.hash.replace('#token=', '')}`, 'content-type': 'application/json' },
      body: readFileSync(har),
    });
    expect(await answer.json()).toMatchObject({ ok: true, value: { ok: true, value: { imported: 5, overLimits: 5 } } });
    const [line] = await server.waitFor(/Imported .*\n/);
    expect(line).toBe(
      "Imported 5 calls from a HAR file (5 entries read); the history's limits delete all 5 of them at once " +
        '(past a limit, the calls received longest ago go first).\n',
    );
    await expect.poll(async () => (await storedPaths(dataDir)).sort(), { timeout: 15_000 }).toEqual(TODAYS);
  });
});
