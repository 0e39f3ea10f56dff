import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, statSync, type Stats } from 'node:fs';
import type { ProjectProblem } from '../../contract/project';
import { fileProblemClause } from '../../contract/words';
import { FLOWENT_BODY_LIMIT_BYTES } from '../../contract/names-and-limits';

/**
 * The largest project file read. An answer Flowent accepts is at most 1 MB; the same answer
 * written as YAML (indented, quoted, with comments, or as a mock with a few responses to choose
 * from) takes more, so 4 times that leaves room for any file that can give a valid answer or
 * hold an action's schema, and still keeps a file no answer can come from (a log pasted by
 * mistake, a generated dump) out of memory.
 */
export const PROJECT_FILE_LIMIT_BYTES = 4 * FLOWENT_BODY_LIMIT_BYTES;

/** Where a project file is read from: its path on disk, and its name as the project says it (`answers/x.yaml`). */
export interface ProjectFilePlace {
  path: string;
  file: string;
}

/**
 * A project file's text, or why it cannot be read. Only a regular file of at most
 * PROJECT_FILE_LIMIT_BYTES is opened: a named pipe would block the thread that reads it (and with
 * it every call the server answers), a device would never end, and a huge file would fill the
 * memory. The size and kind are looked at before the file is read, and again on the opened file,
 * since another one may have taken its name in between.
 */
export function readProjectFile({ path, file }: ProjectFilePlace): { ok: true; text: string } | { ok: false; problem: ProjectProblem } {
  const refused = (message: string) => ({ ok: false as const, problem: { file, line: null, column: null, message } });
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    // A link whose target is not there; a loop of links (ELOOP) cannot be read, as said.
    const dangling = (error as NodeJS.ErrnoException).code === 'ENOENT' ? danglingLink(path) : null;
    return refused(dangling ?? cannotBeRead(error));
  }
  const unusable = unusableFile(stat);
  if (unusable) return refused(unusable);
  let fd: number;
  try {
    // Non-blocking: should a named pipe take the file's name after the look above, opening it does not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return refused(cannotBeRead(error));
  }
  try {
    const opened = unusableFile(fstatSync(fd));
    if (opened) return refused(opened);
    // One byte more than the limit tells a file that grew past it since it was looked at.
    const buffer = Buffer.alloc(Math.min(fstatSync(fd).size, PROJECT_FILE_LIMIT_BYTES) + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read)
      read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > PROJECT_FILE_LIMIT_BYTES) return refused(tooBig(null));
    return { ok: true, text: buffer.toString('utf8', 0, length) };
  } catch (error) {
    return refused(cannotBeRead(error));
  } finally {
    closeSync(fd);
  }
}

/** Why a file with these facts is not read, or null when it can be. */
function unusableFile(stat: Stats): string | null {
  if (!stat.isFile()) {
    const kind = stat.isDirectory()
      ? 'a folder'
      : stat.isFIFO()
        ? 'a named pipe'
        : stat.isSocket()
          ? 'a socket'
          : stat.isCharacterDevice() || stat.isBlockDevice()
            ? 'a device'
            : 'not a file';
    return `is not a regular file (it is ${kind}), so it is not read: remove it, or put a YAML file in its place`;
  }
  return stat.size > PROJECT_FILE_LIMIT_BYTES ? tooBig(stat.size) : null;
}

/** `size` null: the file grew past the limit while it was read, so its size is not known. */
function tooBig(size: number | null): string {
  return (
    `is ${size === null ? '' : `${megabytes(size)}, `}over the ${megabytes(PROJECT_FILE_LIMIT_BYTES)} a project file may be, so it is not read ` +
    `(Flowent accepts answers of at most ${megabytes(FLOWENT_BODY_LIMIT_BYTES)}): make it smaller`
  );
}

function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MB`;
}

function danglingLink(path: string): string | null {
  try {
    if (!lstatSync(path).isSymbolicLink()) return null;
    return `is a symbolic link to ${readlinkSync(path)}, which is not there: fix the link, or remove it`;
  } catch {
    return null;
  }
}

function cannotBeRead(error: unknown): string {
  return `cannot be read: ${fileProblemClause(error, 'read')}`;
}

/** A file's size, time and inode; a symbolic link to nothing has its own, so it is read (and reported) too. */
export function fileSignature(path: string): string | null {
  for (const look of [statSync, lstatSync]) {
    try {
      const stat = look(path);
      return `${stat.mtimeMs}:${stat.size}:${stat.ino}:${stat.isFile()}`;
    } catch {
      // Not there (any more), or a link to nothing: lstat tells which.
    }
  }
  return null;
}

/**
 * A short digest of a project file's text: it changes when the text does, and not when a file is
 * saved as it was (or touched), so a save that changed nothing is not news.
 */
export function textVersion(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
