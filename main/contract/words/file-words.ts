/**
 * Why a file could not be read or written, from the system's error code: the one place a code
 * such as ENOENT becomes what happened and what to do. Nothing here names a flag or a dialog,
 * so every front end (and a project file's problem list) says it the same way.
 */
export type FileAct = 'read' | 'written';

/** The system's code of a failed file operation (`ENOENT`...), or undefined when it has none. */
export function fileErrorCode(error: unknown): string | undefined {
  const code = error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Why a project's file (or its folder) cannot be written, as a clause after "<file> cannot be
 * written: ", without the advice to choose another place: a project's file has one place.
 */
export function projectFileUnwritableClause(reason: string): string {
  return reason === 'EACCES' || reason === 'EPERM'
    ? 'permission denied: this user may not write it'
    : fileProblemClause({ code: reason }, 'written');
}

/** What to do about a project's file this user may not write. */
export const PROJECT_FILE_UNWRITABLE_WHAT_TO_DO =
  'Change the permissions of the project folder (or of the file), or run this as a user who may write it.';

/**
 * What went wrong and what to do, as a clause that follows "cannot read <file>: " or
 * "<file> cannot be read: ". An unknown code is kept, with the system's message when there is one.
 */
export function fileProblemClause(error: unknown, act: FileAct): string {
  const code = fileErrorCode(error);
  switch (code) {
    case 'ENOENT':
      return act === 'read'
        ? 'there is no such file. Check its name and folder'
        : 'its folder does not exist. Create the folder first, or choose a file in a folder that exists';
    case 'EACCES':
    case 'EPERM':
      return `permission denied: this user may not ${act === 'read' ? 'read' : 'write'} it. Change its permissions, or choose another ${act === 'read' ? 'file' : 'place'}`;
    case 'EISDIR':
      return 'it is a folder, not a file. Name a file';
    case 'ENOTDIR':
      return 'a part of its path is a file, not a folder. Check the path';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open at once on this machine. Close some programs (or raise the limit, ulimit -n) and run it again';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full. Free some space and run it again';
    case 'EROFS':
      return 'the disk is read-only. Choose a place on another disk';
    case 'ENAMETOOLONG':
      return 'its name is too long for this system. Choose a shorter one';
    case 'ELOOP':
      return 'its path loops through symbolic links. Check the links on the way';
    case 'EEXIST':
      return 'something is already there under that name. Remove it, or choose another name';
    case 'EBUSY':
    case 'ETXTBSY':
      return 'another program holds it. Close that program and run it again';
    case 'EFBIG':
      return 'the file would be larger than this system lets this user write (see ulimit -f). Raise the limit, or choose another place';
    default: {
      // A code alone (as a failure passed on by value carries it) is said as it is.
      const message = error instanceof Error && error.message !== '' ? error.message : null;
      if (code) return message ? `the system refused it (${code}: ${message})` : `the system refused it (${code})`;
      return message ?? String(error);
    }
  }
}

/** "cannot read <file>: there is no such file. Check its name and folder." */
export function fileProblemInWords(file: string, error: unknown, act: FileAct): string {
  return `cannot ${act === 'read' ? 'read' : 'write'} ${file}: ${fileProblemClause(error, act)}.`;
}
