import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Refused, Result, StoreFailure } from '../../contract/api';
import {
  createPrivateHistory,
  currentUserName,
  DATA_FILES,
  dataDirRefusal,
  historyFile,
  otherOwner,
  secureDataFolder,
} from '../data-folder';
import { LATEST_VERSION, migrate } from './migrations';
import { CallsRepository } from './calls-repository';
import { AnswersRepository } from './answers-repository';
import { HandlersRepository } from './handlers-repository';
import { SettingsRepository } from './settings-repository';
import { startBackgroundCheckpoint } from './background-checkpoint';
import { TextIndexer } from './text-index';
import { Retention, type RetentionOptions } from './retention';
import type { QueryBudget } from './id-windows';
import { copyToRead, readableButNotBeside, type HistoryCopy } from './read-from-copy';

/**
 * Pages the WAL may hold before the writing connection checkpoints it itself: about 32 MB at
 * SQLite's 4 KB pages. Normally never reached: the background checkpoint keeps the WAL short.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 8192;
/** What the WAL file is cut back to once checkpointed: a burst's frames are not kept on disk. */
export const WAL_KEPT_BYTES = 4 * 1024 * 1024;
/** How often the background thread checkpoints. */
const CHECKPOINT_INTERVAL_MS = 200;
/** The writer's auto-checkpoint when no background thread can run (SQLite's default). */
const FOREGROUND_CHECKPOINT_PAGES = 1000;

export interface StoreOptions {
  dataDir: string;
  /** A better-sqlite3 binary built for this runtime; the desktop app passes its Electron build. */
  nativeBinding?: string;
  /** Work done off the answer path failed (the text index could not be brought up to date). */
  onBackgroundError?: (error: unknown) => void;
  /** The history's limits and who is told of deletions; without them, nothing is ever deleted by age, count or size. */
  retention?: Pick<RetentionOptions, 'rules' | 'onPruned' | 'onError'>;
  /**
   * For commands that only read: the history must exist already (nothing is created), and
   * nothing that writes runs (no checkpoint thread, text indexing or retention).
   */
  readOnly?: boolean;
  /**
   * With `readOnly`: a history that does not exist reads as an empty one (held in memory,
   * nothing created), for commands whose answer is "nothing yet" rather than "look elsewhere".
   */
  emptyIfMissing?: boolean;
  /**
   * For commands that write but are not where a history begins, what must be there already:
   * `history`, the history itself (a command that only works on stored calls: replay);
   * `folder`, the folder, so a history is started only in one that exists (made for it), never
   * in the folder a mistyped --data-dir names. Refused as `no-history`, as a reading command
   * is. Without it (serve, the app), folder and history are created as needed.
   */
  mustExist?: 'history' | 'folder';
  /** How much one list or count query may read before it answers with what it has (id-windows.ts). */
  queryBudget?: QueryBudget;
}

export interface Store {
  readonly calls: CallsRepository;
  /** Mocks and forwarding routes (migration 3). */
  readonly answers: AnswersRepository;
  /** Every feature's non-secret settings, each through its own scope. */
  readonly settings: SettingsRepository;
  /** What each developer's handler accepted and refused so far (migration 9). */
  readonly handlers: HandlersRepository;
  /** Adds stored bodies to the full-text index in idle time (migration 6). */
  readonly textIndex: TextIndexer;
  /** Deletes the oldest calls past the history's limits, in idle time. */
  readonly retention: Retention;
  readonly file: string;
  /**
   * Closes the history at once; the promise settles when the checkpoint thread has let go of
   * the file too, so whoever opens it next (a read-only remount, another companion) finds it free.
   */
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the history database in the data folder. Nothing is opened at
 * import time; every failure a user can cause (unwritable folder, full disk, a history from
 * a newer version) comes back as a value.
 */
export function openStore(options: StoreOptions): Result<Store, StoreFailure> {
  if (options.readOnly) return openStoreToRead(options);
  if (options.mustExist && historyFile(options.dataDir).kind === 'absent') {
    if (options.mustExist === 'history' || !existsSync(options.dataDir)) return noHistory(options.dataDir);
  }
  const file = join(options.dataDir, DATA_FILES.history);
  const folderProblem = prepareFolder(options.dataDir);
  if (folderProblem) return folderProblem;

  let db: Database.Database;
  try {
    createPrivateHistory(file);
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    // First: another process opening the same history at this moment (the app beside serve)
    // holds its lock for a moment; without the wait, switching to WAL failed at once.
    db.pragma('busy_timeout = 5000');
    // WAL + NORMAL: a committed call survives a crash of this process (kill -9); only a
    // power cut can lose the last transactions, and readers never block the writer.
    switchToWal(db);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // A row a write deletes or replaces is overwritten with zeros in its page, not left in freed
    // space: a forward target's password kept in the settings must not outlive its forgetting in
    // the file (SettingsScope.scrub takes it out of the WAL too). FAST, not ON: ON also zeroes
    // each whole page a delete frees, the overflow pages of the calls' bodies retention deletes,
    // which measured 1.8 times the CPU and 18 times the WAL bytes per deleted call; a setting's
    // row is small and lives in its b-tree page, which FAST zeroes. Inserts cost the same.
    db.pragma('secure_delete = FAST');
    // A checkpoint copies committed pages from the WAL into the database and fsyncs it; at the
    // default 1,000 pages that happened every few hundred calls and cost more than the inserts
    // (a row is about one page), and it held the event loop. A background thread does it now
    // (below); this is the backstop. Checkpoints move data that is already committed, so when
    // and where they run changes nothing about what survives a crash.
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    // A WAL file keeps the size of its longest stretch between checkpoints (27 MB after a burst
    // of big bodies, over a 1 MB --keep-size): once checkpointed and started again, it is cut back.
    db.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`);
  } catch (error) {
    return storeError(file, error);
  }

  try {
    const migrated = migrate(db);
    if (!migrated.ok) {
      db.close();
      return migrated;
    }
  } catch (error) {
    db.close();
    return storeError(file, error);
  }

  // Checkpoints leave the event loop; the writer's own auto-checkpoint stays as a backstop
  // (and goes back to SQLite's default size if the thread cannot run here).
  const checkpoints = startBackgroundCheckpoint({
    file,
    intervalMs: CHECKPOINT_INTERVAL_MS,
    nativeBinding: options.nativeBinding,
    onUnavailable: () => {
      if (db.open) db.pragma(`wal_autocheckpoint = ${FOREGROUND_CHECKPOINT_PAGES}`);
    },
  });
  const calls = new CallsRepository(db, options.queryBudget);
  const answers = new AnswersRepository(db);
  const settings = new SettingsRepository(db);
  const handlers = new HandlersRepository(db);
  const textIndex = new TextIndexer(db, { onError: options.onBackgroundError });
  textIndex.start();
  const retention = new Retention(db, {
    rules: () => ({ keepCalls: null, keepDays: null, keepBytes: null }),
    ...options.retention,
  });
  retention.start();
  return {
    ok: true,
    value: {
      calls,
      answers,
      settings,
      handlers,
      textIndex,
      retention,
      file,
      close: () => {
        textIndex.stop();
        retention.stop();
        if (db.open) db.close();
        return checkpoints.stop();
      },
    },
  };
}

/**
 * The history as it is, for reading only. A history an older version wrote is brought up to
 * date first (its file exists: that changes it, creates nothing), then opened read-only. One
 * this user may read but not write beside (a read-only disk, a backup, another user's folder)
 * is read from a private copy, as SQLite cannot read it in place.
 */
function openStoreToRead(options: StoreOptions): Result<Store, StoreFailure> {
  const file = join(options.dataDir, DATA_FILES.history);
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const found = historyFile(options.dataDir);
  if (found.kind === 'unusable') return { ok: false, ...found.refusal };
  // An empty file is a history its creator has not written yet: no history, for a reader. Opened,
  // it would be "migrated" here, which writes the schema (and a -wal) into a file this command
  // only reads, with the mode SQLite gives it instead of the creator's 0600.
  if (found.kind === 'absent' || found.kind === 'being-created') {
    if (!options.emptyIfMissing) return noHistory(options.dataDir);
    const empty = new Database(':memory:', binding);
    const migrated = migrate(empty);
    return migrated.ok ? { ok: true, value: readingStore(empty, file, options) } : migrated;
  }
  const opened = openToReadAt(file, binding);
  if (opened.kind === 'open') return { ok: true, value: readingStore(opened.db, file, options) };
  if (opened.kind === 'refused') return opened.failure;
  if (!readableButNotBeside(file, opened.error)) return historyUnreadable(file) ?? storeError(file, opened.error);
  // A read-only disk, a backup, another user's folder: reading it is normal, so it is read from a copy.
  let copy: HistoryCopy;
  try {
    copy = copyToRead(file);
  } catch (error) {
    return storeError(file, error);
  }
  const fromCopy = openToReadAt(copy.file, binding);
  if (fromCopy.kind === 'open') return { ok: true, value: readingStore(fromCopy.db, file, options, copy.remove) };
  copy.remove();
  return fromCopy.kind === 'refused' ? fromCopy.failure : storeError(file, fromCopy.error);
}

/** A history opened to read, refused (a newer schema, a failed migration), or what SQLite threw. */
type ReadOpen =
  { kind: 'open'; db: Database.Database } | { kind: 'refused'; failure: Refused<StoreFailure> } | { kind: 'threw'; error: unknown };

/**
 * Opens the history at `file` to read, brought up to this version's schema first when an older
 * version wrote it; a history of a newer version is refused.
 */
function openToReadAt(file: string, binding: { nativeBinding?: string }): ReadOpen {
  const openToRead = () => {
    const reader = new Database(file, { ...binding, readonly: true, fileMustExist: true });
    reader.pragma('busy_timeout = 5000');
    return reader;
  };
  let db: Database.Database | null = null;
  try {
    db = openToRead();
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) {
      db.close();
      return { kind: 'refused', failure: { ok: false, code: 'schema-too-new', found: version, known: LATEST_VERSION } };
    }
    if (version < LATEST_VERSION) {
      db.close();
      db = null;
      const migrated = migrateInPlace(file, binding);
      if (!migrated.ok) return { kind: 'refused', failure: migrated };
      db = openToRead();
    }
    return { kind: 'open', db };
  } catch (error) {
    if (db?.open) db.close();
    return { kind: 'threw', error };
  }
}

/** The one refusal of a folder holding no history, for the commands that read and those that must not start one. */
function noHistory(dir: string): Refused<StoreFailure> {
  return { ok: false, code: 'no-history', dir };
}

/** A store over a connection that only reads: none of the idle workers that write is started. */
function readingStore(db: Database.Database, file: string, options: StoreOptions, afterClose = () => {}): Store {
  return {
    calls: new CallsRepository(db, options.queryBudget),
    answers: new AnswersRepository(db),
    settings: new SettingsRepository(db),
    handlers: new HandlersRepository(db),
    textIndex: new TextIndexer(db, { onError: options.onBackgroundError }),
    retention: new Retention(db, { rules: () => ({ keepCalls: null, keepDays: null, keepBytes: null }) }),
    file,
    close: async () => {
      if (db.open) db.close();
      afterClose();
    },
  };
}

/** Brings an existing history up to this version's schema with a connection of its own, closed after. */
function migrateInPlace(file: string, binding: { nativeBinding?: string }): Result<void, StoreFailure> {
  const writer = new Database(file, { ...binding, fileMustExist: true });
  try {
    writer.pragma('busy_timeout = 5000');
    const migrated = migrate(writer);
    return migrated.ok ? { ok: true, value: undefined } : migrated;
  } finally {
    writer.close();
  }
}

function prepareFolder(dataDir: string): Refused<StoreFailure> | null {
  try {
    secureDataFolder(dataDir);
    // X too: a folder its owner may read and write but not enter (0600) holds no history SQLite can open.
    accessSync(dataDir, constants.W_OK | constants.R_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    if (historyFile(dataDir).kind === 'created' && deniedByModes(dataDir)) return historyReadOnly(dataDir);
    return { ok: false, ...dataDirRefusal(dataDir, code) };
  }
  // Refused here, before SQLite opens it: SQLite opens a read-only file as a reader and fails
  // only at the first write, when the checkpoint thread already runs.
  const file = join(dataDir, DATA_FILES.history);
  return existsSync(file) && deniedByModes(file) ? historyReadOnly(dataDir) : null;
}

/** A history its owner made read-only, the folder or the file, or one of another user's; the owner is named then. */
function historyReadOnly(dataDir: string): Refused<StoreFailure> {
  const file = join(dataDir, DATA_FILES.history);
  return { ok: false, code: 'history-read-only', dir: dataDir, file, owner: otherOwner([dataDir, file]), user: currentUserName() };
}

/** A history this user may not read at all (another user's, kept private): read by no copy either. */
function historyUnreadable(file: string): Refused<StoreFailure> | null {
  try {
    accessSync(file, constants.R_OK);
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EACCES') return null;
    const dir = dirname(file);
    return { ok: false, code: 'history-unreadable', dir, file, owner: otherOwner([file, dir]), user: currentUserName() };
  }
}

function storeError(file: string, error: unknown): Refused<StoreFailure> {
  const code = (error as { code?: string }).code ?? 'unknown';
  const reason = error instanceof Error ? error.message : String(error);
  const unloadable = sqliteModuleUnusable(code, reason);
  if (unloadable) return unloadable;
  if (code === 'SQLITE_FULL') return { ok: false, code: 'disk-full', file };
  // SQLite says "attempt to write a readonly database" even to a reader, when it cannot make
  // the -shm and -wal it reads a WAL history through: the user made the history read-only.
  if (code.startsWith('SQLITE_READONLY') && (deniedByModes(dirname(file)) || deniedByModes(file))) return historyReadOnly(dirname(file));
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return { ok: false, code: 'database-unwritable', file, reason };
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return { ok: false, code: 'database-damaged', file, reason };
  return { ok: false, code: 'database-error', file, reason };
}

/**
 * The SQLite module could not be loaded, at the first history opened: never built (the
 * `bindings` package's words, when npm ran no install script: `--ignore-scripts`, scripts not
 * allowed) or built for another runtime (Node's ERR_DLOPEN_FAILED: another Node's ABI, another
 * system). Said as such, with the rebuild, not as a history that cannot be opened.
 */
function sqliteModuleUnusable(code: string, reason: string): Refused<StoreFailure> | null {
  const missing = reason.startsWith('Could not locate the bindings file');
  if (!missing && code !== 'ERR_DLOPEN_FAILED') return null;
  const folder = sqliteModuleFolder();
  const firstLine = reason.split('\n')[0]!.trim();
  return { ok: false, code: 'sqlite-module-unusable', folder, packageFolder: dirname(dirname(folder)), reason: missing ? null : firstLine };
}

/** better-sqlite3's folder, in the node_modules of the package that runs (the command's, the app's). */
function sqliteModuleFolder(): string {
  return dirname(require.resolve('better-sqlite3/package.json'));
}

/**
 * Whether writing `path` is refused by its modes (its owner made it read-only: chmod undoes
 * that), not by a disk mounted read-only, which no chmod changes and is said as such.
 */
function deniedByModes(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EROFS';
  }
}

/** How long a new history's switch to WAL is tried again while another opener holds the lock it needs, and how often. */
const WAL_SWITCH_RETRY_MS = 5_000;
const WAL_SWITCH_PAUSE_MS = 25;

/**
 * Puts the history in WAL mode. Two connections switching a new file at the same moment (the
 * app and serve started together, two commands of a CI job) can each hold a lock the other
 * waits for; SQLite then answers one of them SQLITE_BUSY at once, without the busy timeout's
 * wait. By the next try the other has switched it, and the switch finds WAL on.
 */
export function switchToWal(db: Database.Database): void {
  // A lock held for real is waited for by the busy timeout within each try: the tries stop after
  // about as long again.
  const deadline = Date.now() + WAL_SWITCH_RETRY_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAL_SWITCH_PAUSE_MS);
  }
}
