import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inCliWords } from '../../../main/cli/cli-words';
import { FlowentGateway } from '../../fixtures/flowent-gateway/gateway';
import { startCore } from '../../helpers/running-core';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';

// A project folder removed while the core has it open (a branch switch under the desktop app, or
// under a serve the page plans through) is not "no project here, run init": it is to be brought back.

const { cleanups, tempDir } = cleanupsPerTest();

function projectFolder(root: string): string {
  const dir = join(root, 'flowent');
  mkdirSync(join(dir, 'actions'), { recursive: true });
  mkdirSync(join(dir, 'answers'));
  writeFileSync(
    join(dir, 'actions', 'lookup_order.yaml'),
    'version: 1\ndescription: Look an order up\njson_schema: {type: object}\nwebhook_url: http://localhost:8000/actions/lookup_order\n',
  );
  writeFileSync(join(dir, 'answers', '_default.yaml'), 'version: 1\nbody: {result: "ok", error: ""}\n');
  return dir;
}

describe("a project's actions plan, apply and pull while its folder is gone", () => {
  it('are refused as the folder removed, with nothing sent or written, and plan again once it is back', async () => {
    const gateway = new FlowentGateway({ apiTokens: { api_test_token: 'tenant-1' } });
    await gateway.start();
    cleanups.push(() => gateway.stop());
    gateway.storeAction({ name: 'send_email', description: 'Send an email', webhook_url: 'http://localhost:8000/e', json_schema: {} });
    const dir = projectFolder(tempDir('fc-project-'));
    const companion = await startCore({
      projectDir: dir,
      env: { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' },
    });
    cleanups.push(() => companion.close());
    const { api } = companion.core;
    expect(await api.planActions(false)).toMatchObject({ ok: true, value: { pending: true } });

    rmSync(dir, { recursive: true });
    const sentBefore = gateway.requests.length;
    const failure = { code: 'project-folder-removed-actions', folder: dir } as const;
    const removed = { ok: false, ...failure };
    expect(await api.planActions(false)).toEqual(removed);
    expect(await api.applyActions(true)).toEqual(removed);
    expect(await api.pullActions(true, false)).toEqual(removed);
    expect(gateway.requests.length).toBe(sentBefore);
    // Pulling makes no flowent/ of Flowent's actions alone.
    expect(existsSync(dir)).toBe(false);
    expect(gateway.stored().map((action) => action.name)).toEqual(['send_email']);
    expect(inCliWords(failure)).toBe(
      `The project folder ${dir} was removed (a branch switch?): its actions are not planned, applied or pulled until it is back. ` +
        'Bring the folder back (switch back to the branch, say), then run this again.',
    );

    renameSync(projectFolder(tempDir('fc-other-branch-')), dir);
    const planned = await api.planActions(false);
    expect(planned.ok && planned.value.actions.map((action) => [action.name, action.change])).toEqual([
      ['lookup_order', 'create'],
      ['send_email', 'none'],
    ]);
  });
});
