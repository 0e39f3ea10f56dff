import { describe, expect, it } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import { openInspector, serveInspectorForFile } from './served-inspector';
import { postSigned } from '../helpers/flowent-signer';

// Reloading the inspector with unsaved edits: Chromium's own "Leave site?" dialog, which it
// shows only for a page that asks (beforeunload) and that a person has used (typing is).
// A real `serve`, Chromium.
const KEY = 'e2e-leave-guard-key';
let page: Page;
let pageErrors: string[];
const SLOW = { timeout: 30_000 };

serveInspectorForFile(
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (served) => {
      expect((await postSigned(served.baseUrl, 'send_email', { to: 'a@example.com' }, KEY)).status).toBe(200);
    },
  }),
  (served) => ({ page, pageErrors } = served),
);

const simulator = () => page.getByRole('dialog', { name: 'Simulate a Flowent call' });
const editorText = async () => (await simulator().locator('.cm-content').allInnerTexts()).join('');

/** Reloads the page; returns the dialog Chromium showed before unloading, answered by `answer`, or null after `quietMs` without one. */
async function reload(answer: (dialog: Dialog) => Promise<void>, quietMs = 3000): Promise<string | null> {
  let shown: string | null = null;
  const onDialog = (dialog: Dialog) => {
    shown = dialog.type();
    void answer(dialog);
  };
  page.on('dialog', onDialog);
  try {
    // A reload the person calls off never loads: its promise is not waited for then.
    const reloading = page.reload().then(
      () => 'reloaded',
      () => 'not reloaded',
    );
    await Promise.race([reloading, new Promise((resolve) => setTimeout(resolve, quietMs))]);
    return shown;
  } finally {
    page.off('dialog', onDialog);
  }
}

async function openSimulatorAndType(): Promise<void> {
  await page.getByRole('button', { name: 'Simulate' }).click();
  await simulator().locator('.cm-editor').waitFor(SLOW);
  await expect.poll(() => simulator().getByRole('combobox', { name: 'Action' }).inputValue()).toBe('send_email');
  await expect.poll(editorText).toBe('{}');
  await simulator().locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('{"to": "typed@example.com"}');
  await expect.poll(editorText).toContain('typed@example.com');
}

describe.sequential('reloading with unsaved edits', () => {
  it('asks before a reload would drop typed simulator parameters; Stay keeps them, Leave reloads', async () => {
    await openSimulatorAndType();
    expect(await reload((dialog) => dialog.dismiss())).toBe('beforeunload');
    // Stayed: the page did not reload and the edits are there.
    expect(await simulator().isVisible()).toBe(true);
    expect(await editorText()).toContain('typed@example.com');

    expect(await reload((dialog) => dialog.accept())).toBe('beforeunload');
    await openInspector(page, page.url());
    expect(await simulator().count()).toBe(0);
  }, 60_000);

  it('reloads without asking when nothing is unsaved', async () => {
    await page.getByRole('button', { name: 'Simulate' }).click();
    await simulator().locator('.cm-editor').waitFor(SLOW);
    await simulator().locator('.cm-content').click();
    expect(await reload((dialog) => dialog.accept())).toBeNull();
    await openInspector(page, page.url());
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
