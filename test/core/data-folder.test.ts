import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILES } from '../../main/core/data-folder';
import { openStore } from '../../main/core/store/open-store';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { startServe } from '../helpers/spawn-cli';
import { startCore } from '../helpers/running-core';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

// The data folder holds callers' headers (Authorization included), bodies and answers: on
// POSIX it is 0700 and every file the companion keeps in it 0600, whatever the umask.
const { cleanups, tempDir } = cleanupsPerTest();

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the data folder is private', () => {
  it('is created 0700 with the history and its WAL files 0600, under a permissive umask', async () => {
    const dataDir = join(tempDir(), 'fresh', 'data');
    const previous = process.umask(0o002);
    try {
      const running = await startCore({ dataDir });
      cleanups.push(() => running.core.stop());
      await running.post('/actions/a', signedBody(flowentPayload('a'), 'test-key'), {
        'content-type': 'application/json',
        authorization: 'Bearer x',
      });
    } finally {
      process.umask(previous);
    }
    expect(mode(dataDir)).toBe(0o700);
    const history = join(dataDir, DATA_FILES.history);
    for (const file of [history, `${history}-wal`, `${history}-shm`]) {
      expect(existsSync(file), file).toBe(true);
      expect(mode(file), file).toBe(0o600);
    }
  });

  it("tightens an existing folder and the companion's files in it when the store opens", () => {
    const dataDir = join(tempDir(), 'old');
    const first = openStore({ dataDir });
    if (!first.ok) throw new Error(JSON.stringify(first));
    first.value.close();
    for (const name of Object.values(DATA_FILES))
      writeFileSync(join(dataDir, name === DATA_FILES.history ? `${name}-wal` : name), 'x', { flag: 'a' });
    writeFileSync(join(dataDir, `${DATA_FILES.history}-shm`), '', { flag: 'a' });
    for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o644);
    chmodSync(dataDir, 0o755);

    const reopened = openStore({ dataDir });
    if (!reopened.ok) throw new Error(JSON.stringify(reopened));
    reopened.value.close();
    expect(mode(dataDir)).toBe(0o700);
    for (const name of readdirSync(dataDir)) expect(mode(join(dataDir, name)), name).toBe(0o600);
  });

  it('makes a chosen folder that holds other things private, leaving those other files as they are', () => {
    const dataDir = join(tempDir(), 'project');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
    chmodSync(join(dataDir, 'run.sh'), 0o755);
    const opened = openStore({ dataDir });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    opened.value.close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'run.sh'))).toBe(0o755);
    expect(mode(join(dataDir, DATA_FILES.history))).toBe(0o600);
  });

  it('serve writes its inspector token and state file 0600', async () => {
    const dataDir = join(tempDir(), 'serve');
    const server = await startServe(['--port', '0', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: 'k' });
    cleanups.push(async () => {
      server.child.kill('SIGTERM');
      await server.exited;
    });
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, DATA_FILES.serveStates))).toBe(0o700);
    const serveState = join(DATA_FILES.serveStates, `${server.child.pid}.json`);
    for (const name of [DATA_FILES.inspectorToken, serveState, DATA_FILES.history]) {
      expect(mode(join(dataDir, name)), name).toBe(0o600);
    }
  });
});
