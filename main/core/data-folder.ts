import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  closeSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { DATA_DIR_NOT_A_FOLDER, DATA_DIR_PATH_THROUGH_A_FILE, DATA_DIR_TAKES_NO_FOLDERS } from '../contract/data-dir-reasons';
import type { StoreFailure } from '../contract/status';

/**
 * The files the companion keeps in its data folder, named in one place because all of them
 * are private: the history holds callers' headers (Authorization included), bodies and answers.
 */
export const DATA_FILES = {
  /** SQLite, with its `-wal` and `-shm` beside it. */
  history: 'history.sqlite',
  /** A folder: one file of URLs per running `serve` or desktop app, named by its process id. */
  serveStates: 'serve-states',
  /** Guards the browser inspector's API. */
  inspectorToken: 'inspector-token',
  /** The desktop app's keychain-encrypted secrets. */
  secrets: 'secrets.json',
  /** The desktop app's own settings (window, notifications). */
  desktopSettings: 'desktop-settings.json',
  /** The desktop app's failures, one line each (see main/desktop/failure-log.ts); `.1` is the one before. */
  desktopLog: 'desktop.log',
} as const;

/** SQLite's files beside the history; it gives them the history file's own mode. */
const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];

const PRIVATE_FOLDER = 0o700;
export const PRIVATE_FILE = 0o600;

/** POSIX file modes; Windows keeps a user's application data private by its own ACLs. */
const hasFileModes = process.platform !== 'win32';

/**
 * Makes sure the data folder exists and is private: created 0700; an existing one, and every
 * companion file in it, loses what the group and others may do, and nothing else: a folder or
 * file its owner made read-only stays read-only (it is not the companion's to make writable).
 * Other files in a folder chosen with --data-dir are left as they are. Throws what mkdir throws.
 */
export function secureDataFolder(dataDir: string): void {
  const created = makeFolders(dataDir);
  if (!hasFileModes) return;
  // A folder made now is 0700 whatever the umask took away; one that was there keeps its owner's bits.
  if (created !== undefined) chmodQuietly(dataDir, PRIVATE_FOLDER);
  else keepToOwner(dataDir);
  for (const name of companionFileNames()) {
    const file = join(dataDir, name);
    if (isRegularFile(file)) keepToOwner(file);
  }
}

/**
 * `mkdir -p`, folder by folder, made 0700; returns the first folder it made (undefined when
 * `dir` was there), as mkdirSync's recursive mode does. Not that mode itself: where mkdir says
 * ENOENT under a folder that is there (/proc, /sys, some FUSE and network mounts), Node's loop
 * makes the parent again and again, forever, deaf to signals. Here each folder is tried at most
 * twice, and that ENOENT is thrown. Throws what mkdir throws (EEXIST when a file is in the way).
 */
function makeFolders(dir: string): string | undefined {
  const made = makeFolder(dir);
  if (typeof made === 'boolean') return made ? dir : undefined;
  const parent = dirname(dir);
  if (parent === dir) throw made;
  const first = makeFolders(parent);
  const again = makeFolder(dir);
  // The folder above is there now, and mkdir still finds none: the file system takes no folders.
  if (typeof again !== 'boolean') throw again;
  return first ?? (again ? dir : undefined);
}

/**
 * Makes one folder: true when made, false when a folder is there (another process may have just
 * made it: two serves starting on a new folder), mkdir's ENOENT when the folder above is missing.
 */
function makeFolder(dir: string): boolean | NodeJS.ErrnoException {
  try {
    mkdirSync(dir, { mode: PRIVATE_FOLDER });
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statQuietly(dir)?.isDirectory()) return false;
    if (code === 'ENOENT') return error as NodeJS.ErrnoException;
    throw error;
  }
}

/** What the group and others could do with `path`. */
const GROUP_AND_OTHERS = 0o077;

function keepToOwner(path: string): void {
  try {
    const mode = statSync(path).mode & 0o7777;
    if ((mode & GROUP_AND_OTHERS) !== 0) chmodSync(path, mode & ~GROUP_AND_OTHERS);
  } catch {
    // Another user's file (EPERM) or a read-only disk: opening goes on, and fails there with
    // a message of its own if the folder is truly unusable.
  }
}

/**
 * Creates the history file 0600 before SQLite opens it: SQLite creates files 0644 (less the
 * umask) and gives its -wal and -shm the database file's mode, so all three start private.
 */
export function createPrivateHistory(file: string): void {
  if (!hasFileModes || existsSync(file)) return;
  closeSync(openSync(file, 'a', PRIVATE_FILE));
  chmodQuietly(file, PRIVATE_FILE);
}

/**
 * Writes a file that holds what the history holds (a HAR export: callers' headers and bodies)
 * as privately as the history: 0600. A regular file (or a new one) is written whole or not at
 * all: the text goes to a temporary file beside it, which is renamed over it once complete, so
 * a write that fails part-way (a full disk) leaves the file that was there as it was, and the
 * temporary file is removed. A symbolic link is followed: the file it names is replaced, the
 * link stays. Anything else named (a pipe, /dev/stdout) is written to as it is. Throws what
 * open, write and rename throw.
 */
export function writePrivateFile(file: string, text: string): void {
  const existing = statQuietly(file);
  if (existing && !existing.isFile()) {
    writeFileSync(file, text);
    return;
  }
  const { fd, done, failed } = openPrivateTemporary(file, existing !== null);
  try {
    writeFileSync(fd, text);
    done();
  } catch (error) {
    failed();
    throw error;
  }
}

/**
 * writePrivateFile for text written in pieces (`fill` calls `write` for each): a whole history
 * exported is written a batch of calls at a time, never held whole. Whole or not at all, as writePrivateFile.
 */
export async function writePrivateFileInPieces<T>(file: string, fill: (write: (chunk: string) => void) => Promise<T>): Promise<T> {
  const existing = statQuietly(file);
  if (existing && !existing.isFile()) {
    const fd = openSync(file, 'w');
    try {
      return await fill((chunk) => writeFileSync(fd, chunk));
    } finally {
      closeSync(fd);
    }
  }
  const { fd, done, failed } = openPrivateTemporary(file, existing !== null);
  try {
    const value = await fill((chunk) => writeFileSync(fd, chunk));
    done();
    return value;
  } catch (error) {
    failed();
    throw error;
  }
}

/** A 0600 temporary file beside `file`: `done` syncs it and renames it over `file`, `failed` removes it. */
function openPrivateTemporary(file: string, exists: boolean): { fd: number; done: () => void; failed: () => void } {
  const target = exists ? realpathSync(file) : file;
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.part`);
  const fd = openSync(temporary, 'wx', PRIVATE_FILE);
  let closed = false;
  const close = () => {
    if (!closed) closeSync(fd);
    closed = true;
  };
  try {
    // The umask may have taken bits off; 0600 is what the history has.
    if (hasFileModes) fchmodSync(fd, PRIVATE_FILE);
  } catch (error) {
    close();
    rmSync(temporary, { force: true });
    throw error;
  }
  return {
    fd,
    done: () => {
      fsyncSync(fd);
      close();
      renameSync(temporary, target);
    },
    failed: () => {
      close();
      rmSync(temporary, { force: true });
    },
  };
}

function statQuietly(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** What is at a data folder's history file, for the commands that only read it. */
export type HistoryFile =
  | { kind: 'created' }
  /** An empty file: its creator has not written the first page yet (it does within milliseconds). */
  | { kind: 'being-created' }
  | { kind: 'absent' }
  /** The folder can never hold one: a file, or a folder this user cannot enter (another user's, say). */
  | { kind: 'unusable'; refusal: DataDirRefusal };

export function historyFile(dataDir: string): HistoryFile {
  try {
    return statSync(join(dataDir, DATA_FILES.history)).size > 0 ? { kind: 'created' } : { kind: 'being-created' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    return code === 'ENOENT' ? { kind: 'absent' } : { kind: 'unusable', refusal: dataDirRefusal(dataDir, code) };
  }
}

/**
 * Why a data folder cannot be used, from what the system said (`code`) and what is at the path:
 * the same for every command, whichever call met it first (mkdir says EEXIST where the folder is
 * a file, a stat inside it ENOTDIR).
 */
function unusableReason(dataDir: string, code: string): string {
  // Only makeFolders says ENOENT of a data folder (commands that only read look for the
  // history inside it), once the folder above it is there: the file system takes no folders.
  if (code === 'ENOENT') return DATA_DIR_TAKES_NO_FOLDERS;
  if (code !== 'EEXIST' && code !== 'ENOTDIR') return code;
  try {
    return statSync(dataDir).isDirectory() ? code : DATA_DIR_NOT_A_FOLDER;
  } catch {
    return DATA_DIR_PATH_THROUGH_A_FILE;
  }
}

/** A data folder that cannot be used, as the commands and the app say it. */
export type DataDirRefusal = Extract<
  StoreFailure,
  { code: 'data-dir-unusable' | 'data-dir-of-another-user' | 'data-dir-in-closed-folder' | 'data-dir-closed-by-its-modes' }
>;

/**
 * Why a data folder cannot be used (`code`: what the system said): one of another user's that
 * this user is denied names its owner, as chmod cannot give it back and only chown can; else the
 * reason {@link unusableReason} finds.
 */
export function dataDirRefusal(dataDir: string, code: string): DataDirRefusal {
  const denied = code === 'EACCES' || code === 'EPERM';
  const owner = denied ? otherOwner([dataDir]) : null;
  if (owner !== null)
    return {
      code: 'data-dir-of-another-user',
      dir: dataDir,
      owner,
      user: currentUserName(),
      denied: mayEnter(dataDir) ? 'write' : 'enter',
    };
  const closed = denied ? closedFolderAbove(dataDir) : null;
  if (closed !== null) return { code: 'data-dir-in-closed-folder', dir: dataDir, ...closed, user: currentUserName() };
  const modes = denied ? ownModesDenying(dataDir) : null;
  if (modes !== null) return { code: 'data-dir-closed-by-its-modes', dir: dataDir, ...modes };
  return { code: 'data-dir-unusable', dir: dataDir, reason: unusableReason(dataDir, code) };
}

/**
 * The modes of a folder of this user's own that keep this user out of it (no x: it may not be
 * entered) or from writing in it (no w): chmod, which its owner may run, gives it back. null
 * when the folder is not there, not this user's, or its owner's modes allow both (then
 * something else refused it: an ACL, a mount).
 */
function ownModesDenying(dir: string): { mode: string; denied: 'enter' | 'write' } | null {
  let stats: Stats;
  try {
    stats = statSync(dir);
  } catch {
    return null;
  }
  if (!stats.isDirectory() || stats.uid !== process.getuid?.()) return null;
  const mode = `0${(stats.mode & 0o777).toString(8).padStart(3, '0')}`;
  if ((stats.mode & 0o100) === 0) return { mode, denied: 'enter' };
  if ((stats.mode & 0o200) === 0) return { mode, denied: 'write' };
  return null;
}

/**
 * The first folder above `dataDir` this user may not enter, when another user owns it (their
 * home, say): the data folder itself cannot even be looked at, so its own owner is not known.
 */
function closedFolderAbove(dataDir: string): { closed: string; owner: string } | null {
  const above: string[] = [];
  for (let folder = dirname(resolve(dataDir)); !above.includes(folder); folder = dirname(folder)) above.unshift(folder);
  const closed = above.find((folder) => !mayEnter(folder));
  const owner = closed === undefined ? null : otherOwner([closed]);
  return closed === undefined || owner === null ? null : { closed, owner };
}

function mayEnter(dir: string): boolean {
  try {
    accessSync(dir, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function companionFileNames(): string[] {
  return [...Object.values(DATA_FILES), ...SQLITE_SIDE_FILES.map((suffix) => `${DATA_FILES.history}${suffix}`)];
}

function isRegularFile(path: string): boolean {
  try {
    // lstat: a symbolic link is not followed to tighten a file elsewhere.
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

function chmodQuietly(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch {
    // Another user's file (EPERM) or a read-only disk: opening goes on, and fails there with
    // a message of its own if the folder is truly unusable.
  }
}

/** This user's name, as `chown` takes it. */
export function currentUserName(): string {
  try {
    return userInfo().username;
  } catch {
    // No entry in the user database (a container's made-up uid): chown takes the number too.
    return String(process.getuid?.() ?? '');
  }
}

/**
 * Who owns the first of `paths` that this user does not own, by name: a history made by a
 * command run as someone else (`sudo serve` once), which chmod cannot give back, only chown.
 * null when this user owns them all, or on a system without owners by number (Windows).
 */
export function otherOwner(paths: string[]): string | null {
  const uid = process.getuid?.();
  if (uid === undefined) return null;
  for (const path of paths) {
    let owner: number;
    try {
      owner = statSync(path).uid;
    } catch {
      continue;
    }
    if (owner !== uid) return userName(owner);
  }
  return null;
}

/** A user's name from the system's user list, else its number in words. */
function userName(uid: number): string {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && Number(id) === uid) return name;
    }
  } catch {
    // No readable list (macOS keeps most users elsewhere): the number says it.
  }
  return `the user with id ${uid}`;
}
