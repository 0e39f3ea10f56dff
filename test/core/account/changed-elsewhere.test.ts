import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core';
import { startCore, type RunningCore } from '../../helpers/running-core';

// A serve's core and a command run in a terminal on the same history: the terminal's change to
// the account (a profile, a link) is a commit the serve's connection did not make. The serve's
// core must tell it as the account's change, so an open page reads the account again.
let serving: RunningCore | null = null;
let terminal: Core | null = null;
afterEach(async () => {
  await terminal?.stop();
  await serving?.close();
  terminal = serving = null;
});

const accountChanges = (core: RunningCore) => core.events.filter((event) => event.type === 'account-changed').length;

describe("the account changed by another process's command", () => {
  it('is told by the serving core as the account changed, once per change; other commits are not', async () => {
    serving = await startCore();
    terminal = createCore({ mode: 'headless', dataDir: serving.dataDir, oneShot: true });
    expect((await terminal.open()).ok).toBe(true);
    const before = accountChanges(serving);

    const saved = await terminal.api.saveProfile({ name: 'staging', baseUrl: 'https://staging.example.com/api/v1/gateway' });
    expect(saved.ok).toBe(true);
    await expect.poll(() => accountChanges(serving!)).toBe(before + 1);
    expect((await serving.core.api.getAccount()).profiles.map((profile) => profile.name)).toContain('staging');

    // A change made by the serving core itself is told once, by itself; a commit elsewhere that
    // leaves the account as it was (the terminal saves a mock) tells nothing more.
    expect((await serving.core.api.saveProfile({ name: 'qa', baseUrl: 'https://qa.example.com/api/v1/gateway' })).ok).toBe(true);
    expect(accountChanges(serving)).toBe(before + 2);
    expect((await terminal.api.setMock('send_email', '{"status": 200}', 'json')).ok).toBe(true);
    await expect.poll(async () => (await serving!.core.api.getAnswerSettings()).mocks.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(accountChanges(serving)).toBe(before + 2);
  });
});
