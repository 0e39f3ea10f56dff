import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Whether `actions/<action>.yaml` gives `here` as the profile's webhook_url, one for every profile or its own. */
export function fileSaysHere(projectDir: string, action: string, profile: string): boolean {
  let text: string;
  try {
    text = readFileSync(join(projectDir, 'actions', `${action}.yaml`), 'utf8');
  } catch {
    return false;
  }
  // Only a file that holds "here" at all is parsed: the parser is loaded for it alone.
  if (!/\bhere\b/.test(text)) return false;
  try {
    const { parse } = createRequire(__filename)('yaml') as typeof import('yaml');
    const url = (parse(text) as { webhook_url?: unknown } | null)?.webhook_url;
    return url === 'here' || (typeof url === 'object' && url !== null && (url as Record<string, unknown>)[profile] === 'here');
  } catch {
    return false;
  }
}
