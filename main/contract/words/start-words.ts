import { DATA_DIR_NOT_A_FOLDER, DATA_DIR_PATH_THROUGH_A_FILE, DATA_DIR_TAKES_NO_FOLDERS } from '../data-dir-reasons';
import type { ListenFailure, StoreFailure } from '../status';
import { cap, either, type Catalogue } from './said';
import type { ListenVocabulary, StoreVocabulary } from './vocabulary';

export const LISTEN_WORDS: Catalogue<ListenFailure, ListenVocabulary> = {
  'port-in-use': ({ server, host, port }, say) => ({
    what: `Port ${port} on ${host} is already in use.`,
    todo: either('stop the program using it', say.choosePort(server)),
  }),
  'port-forbidden': ({ server, port }, say) => {
    const other = say.choosePort(server);
    return {
      what: `This user may not listen on port ${port}: ports below 1024 need extra rights.`,
      ...(other ? { todo: `${cap(other)}.` } : {}),
    };
  },
  'host-unavailable': ({ host }, say) => ({
    what: `Cannot listen on ${host}: this machine has no such address.`,
    ...(say.chooseHost ? { todo: `${cap(say.chooseHost)}.` } : {}),
  }),
  'listen-failed': ({ host, port, reason }) => ({ what: `Cannot listen on ${host}:${port}: ${reason}.` }),
};

/** Why a data folder cannot be used, in words: what is at the path, not the code a call met there. */
const DATA_DIR_REASONS: Readonly<Record<string, string>> = {
  [DATA_DIR_NOT_A_FOLDER]: 'it is a file, not a folder',
  [DATA_DIR_PATH_THROUGH_A_FILE]: 'a part of its path is a file, not a folder',
  [DATA_DIR_TAKES_NO_FOLDERS]: 'it lies in a system file system (such as /proc or /sys) where no folder can be made',
  EACCES: 'this user may not read or write in it (permission denied)',
  EPERM: 'this user may not read or write in it (permission denied)',
  EROFS: 'its disk is read-only',
  ENOSPC: 'its disk is full',
  ENAMETOOLONG: 'its name is too long for this system',
  ELOOP: 'its path loops through symbolic links',
};

/** Why a history belongs to another user, most of the time. */
const madeAs = (owner: string) => `it was likely made by a command run as ${owner} (with sudo, say)`;
/** What gives another user's history to this one: chmod cannot, its owner's modes are not this user's to change. */
const giveBack = (user: string, dir: string) => `give it to this user (sudo chown -R ${user} ${dir})`;

export const STORE_WORDS: Catalogue<StoreFailure, StoreVocabulary> = {
  'data-dir-unusable': ({ dir, reason }, say) => ({
    what: `Cannot use the data folder ${dir}: ${DATA_DIR_REASONS[reason] ?? `the system refused it (${reason}); it must be a folder this user can write`}.`,
    todo: `${cap(say.chooseDataDir)}.`,
  }),
  'data-dir-of-another-user': ({ dir, owner, user, denied }, say) => ({
    what: `The data folder ${dir} belongs to ${owner}, so this user (${user}) may not ${denied === 'enter' ? 'enter' : 'write in'} it: ${madeAs(owner)}.`,
    todo: either(giveBack(user, dir), say.chooseDataDir),
  }),
  'data-dir-in-closed-folder': ({ dir, closed, owner, user }, say) => ({
    what: `Cannot use the data folder ${dir}: it lies in ${closed}, a folder of ${owner}'s that this user (${user}) may not enter.`,
    todo: `${cap(say.chooseDataDir)}.`,
  }),
  'data-dir-closed-by-its-modes': ({ dir, mode, denied }, say) => ({
    what: `The data folder ${dir} is this user's, but its modes (${mode}) do not let this user ${denied === 'enter' ? 'enter' : 'write in'} it.`,
    todo: either(`make it writable (chmod u+rwx ${dir})`, say.chooseDataDir),
  }),
  'sqlite-module-unusable': ({ folder, packageFolder, reason }, say) => ({
    what:
      reason === null
        ? `The SQLite module the history needs (better-sqlite3, in ${folder}) was never built: its install script did not run.`
        : `The SQLite module the history needs (better-sqlite3, in ${folder}) cannot be loaded: ${reason}.`,
    todo: `${cap(say.buildSqliteModule(packageFolder))}.`,
  }),
  'disk-full': ({ file }) => ({ what: `The disk holding ${file} is full.`, todo: 'Free some space and start again.' }),
  'database-unwritable': ({ file, reason }, say) => ({
    what: `Cannot write the history database ${file} (${reason}).`,
    todo: either('check its permissions', say.chooseDataDir),
  }),
  'database-damaged': ({ file, reason }) => ({
    what: `${file} is not a readable history database (${reason}).`,
    todo: 'Move it aside to start a new history.',
  }),
  'database-error': ({ file, reason }) => ({ what: `Cannot open the history database ${file}: ${reason}.` }),
  'history-read-only': ({ dir, file, owner, user }, say) =>
    owner === null
      ? {
          what: `The history in ${dir} is read-only: this user may not write the folder or ${file}.`,
          todo: either(
            `make the folder and the file writable (chmod u+w ${dir} ${file})`,
            `copy the folder and use the copy (${say.chooseDataDir})`,
          ),
        }
      : {
          what: `The history in ${dir} belongs to ${owner}, so this user (${user}) may not write it: ${madeAs(owner)}.`,
          todo: either(giveBack(user, dir), `copy the folder and use the copy (${say.chooseDataDir})`),
        },
  'history-unreadable': ({ dir, file, owner, user }) =>
    owner === null
      ? { what: `This user may not read ${file}: its modes forbid it.`, todo: `Make it readable (chmod u+r ${file}).` }
      : {
          what: `The history in ${dir} belongs to ${owner}, so this user (${user}) may not read it: ${madeAs(owner)}.`,
          todo: either(giveBack(user, dir), `run the command as ${owner}`),
        },
  'no-history': ({ dir }, say) => ({
    what: `There is no history in ${dir}: nothing has been stored there yet.`,
    todo: `If your history is elsewhere, ${say.chooseDataDir}.`,
  }),
  'schema-too-new': ({ found, known }, say) => ({
    what: `This history was written by a newer Flowent Companion (schema ${found}, this one knows ${known}).`,
    todo: either('update the app', say.chooseDataDir),
  }),
};
