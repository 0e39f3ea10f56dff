import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILES } from '../../core/data-folder';

/**
 * The token that guards the inspector API. Kept in the data folder (readable by this user
 * only) so a bookmarked inspector URL, and an open inspector tab, keep working after a
 * restart. It guards the local API only; it is not a Flowent secret.
 */
export function loadOrCreateInspectorToken(dataDir: string): string {
  const file = join(dataDir, DATA_FILES.inspectorToken);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(existing)) return existing;
  } catch {
    // No token yet: make one below.
  }
  const token = randomBytes(24).toString('base64url');
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return token;
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
