/** Shared steps of the screen's layout tests in Chromium: the window's size and theme, and axe-core's verdict. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousAxeViolations } from './axe';

/** Sets the window to `size`, with the system's colour scheme `theme`. */
export async function at(page: Page, size: { width: number; height: number }, theme: 'dark' | 'light'): Promise<void> {
  await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme: theme });
}

/** Fails with axe-core's serious and critical findings in `scope` (the whole page by default), said with `where`. */
export async function expectNoSeriousAxe(page: Page, where: string, scope?: string): Promise<void> {
  const found = await seriousAxeViolations(page, scope);
  expect(found, `${where}: ${JSON.stringify(found, null, 1)}`).toEqual([]);
}
