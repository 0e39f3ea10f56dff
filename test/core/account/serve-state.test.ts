import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServeState, writeServeState } from '../../../main/core/account/serve-state';
import { DATA_FILES } from '../../../main/core/data-folder';
import { tempDir } from './harness';

describe('the serve state file behind --here', () => {
  it('is read back while its process runs, ignored once the process is gone, removed at stop', () => {
    const dir = tempDir();
    expect(readServeState(dir)).toBeNull();
    writeServeState(dir, {
      pid: process.pid,
      webhookBaseUrl: 'http://127.0.0.1:8787',
      publicUrl: 'https://abc.ngrok.app',
      inspectorPort: null,
      loopToken: 'test-loop-token',
    });
    expect(readServeState(dir)).toMatchObject({
      pid: process.pid,
      publicUrl: 'https://abc.ngrok.app',
      inspectorPort: null,
      loopToken: 'test-loop-token',
    });

    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeServeState(dir, {
      pid: Number(gone.stdout.toString()),
      webhookBaseUrl: 'http://127.0.0.1:8787',
      publicUrl: null,
      inspectorPort: null,
      loopToken: 'test-loop-token',
    });
    expect(readServeState(dir)).toBeNull();

    writeServeState(dir, null);
    expect(existsSync(join(dir, DATA_FILES.serveState))).toBe(false);
  });
});
