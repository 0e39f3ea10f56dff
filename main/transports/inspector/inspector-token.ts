import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILES } from '../../core/data-folder';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,}$/;

/** The token that guards the inspector: the one in force now, and a way to replace it. */
export interface InspectorToken {
  /** The token accepted now (another process may have rotated it since the last look). */
  current(): string;
  /** Makes and keeps a new token and returns it; the old one is refused from now on. */
  rotate(): string;
}

/**
 * The inspector token kept in the data folder (readable by this user only), so a bookmarked
 * inspector URL, and an open inspector tab, keep working after a restart. It guards the local
 * API only; it is not a Flowent secret. The file is read again whenever it changes, so a
 * rotation by `flowent-companion inspector rotate-token` takes effect in a running `serve` at
 * its next request: a look at the file's metadata costs microseconds.
 */
export function inspectorTokenFile(dataDir: string): InspectorToken {
  const file = join(dataDir, DATA_FILES.inspectorToken);
  let token = readOrCreate(file);
  let seen = fingerprint(file);
  return {
    current() {
      const now = fingerprint(file);
      if (now !== seen) {
        token = readOrCreate(file);
        seen = fingerprint(file);
      }
      return token;
    },
    rotate() {
      token = writeToken(file);
      seen = fingerprint(file);
      return token;
    },
  };
}

/** Replaces the data folder's inspector token (the `inspector rotate-token` command); returns the new one. */
export function rotateInspectorTokenFile(dataDir: string): string {
  return writeToken(join(dataDir, DATA_FILES.inspectorToken));
}

function readOrCreate(file: string): string {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (TOKEN_PATTERN.test(existing)) return existing;
  } catch {
    // No token yet: make one below.
  }
  return writeToken(file);
}

function writeToken(file: string): string {
  const token = randomBytes(24).toString('base64url');
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return token;
}

/** What changes when the file is replaced (written through a rename: a new inode) or removed. */
function fingerprint(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'missing';
  }
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
