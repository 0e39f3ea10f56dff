import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page (injected once per document) and returns the serious and
 * critical violations, each with the elements it found them on, so a failure says where.
 */
export async function seriousAxeViolations(page: Page, scope?: string): Promise<AxeFinding[]> {
  const loaded = (await page.evaluate('typeof window.axe')) === 'object';
  // Evaluated through the debugging protocol: the page's Content-Security-Policy (rightly)
  // refuses inline scripts, and a script tag would be one.
  if (!loaded) await page.evaluate(`${AXE_SOURCE};void 0`);
  // Page code is passed as a string: the test's compiler may rewrite functions with helpers the page lacks.
  const found = (await page.evaluate(`(async () => {
    const result = await window.axe.run(${scope ? JSON.stringify(scope) : 'document'}, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  })()`)) as AxeFinding[];
  return found;
}
