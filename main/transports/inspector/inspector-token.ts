import { randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/**
 * The data folder's token as it is now, or null when there is none: for a command of the same
 * user that reaches a running serve's inspector (`calls --follow`), which must never make one.
 */
export function readInspectorToken(dataDir: string): string | null {
  return readToken(join(dataDir, DATA_FILES.inspectorToken));
}

function readOrCreate(file: string): string {
  const existing = readToken(file);
  if (existing !== null) return existing;
  // Made only where there is none: processes starting at once on a new folder (the app and
  // serve) must all end with the first one made. Each making its own replaced the others', and
  // the URL those had printed was refused.
  const { token, temp } = newTokenFile(file);
  try {
    linkSync(temp, file);
    return token;
  } catch (error) {
    const made = (error as NodeJS.ErrnoException).code === 'EEXIST' ? readToken(file) : null;
    if (made !== null) return made;
    // A damaged file (not a token), or a file system without hard links: put in place by a rename.
    renameSync(temp, file);
    return token;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** The token in `file`, or null when there is none or it is not a token. */
function readToken(file: string): string | null {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    return TOKEN_PATTERN.test(existing) ? existing : null;
  } catch {
    return null;
  }
}

/** A new token and a private file of its own beside `file`, to be linked or renamed into place. */
function newTokenFile(file: string): { token: string; temp: string } {
  const token = randomBytes(24).toString('base64url');
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  return { token, temp };
}

function writeToken(file: string): string {
  const { token, temp } = newTokenFile(file);
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
