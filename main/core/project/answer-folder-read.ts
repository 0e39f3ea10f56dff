import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectProblem } from '../../contract/api';
import { isActionName } from '../../contract/action-name';
import { readAnswerFile, type AnswerFile } from './answer-file';
import { fileSignature, readProjectFile, textVersion } from './project-file';
import { DEFAULT_ANSWERS_FILE, FOLDER_REMOVAL_MS, misnamedProblem, nameOfFile, projectFiles } from './project-folder';

/** An answer file read good (or its last good version, while it has a mistake). */
export interface AnswerEntry {
  action: string | null;
  answers: AnswerFile;
  /** The mock as JSON text: what the server compares to know it changed. */
  mockText: string | null;
  updatedAt: number;
}

/**
 * The answer files as last read from disk, by file: the good ones (or their last good version),
 * each file's mistakes, and the project folder's going and coming back (a branch switch), when
 * its last version keeps answering. Reads only what changed since (size, time and inode).
 */
export class AnswerFolderRead {
  readonly entries = new Map<string, AnswerEntry>();
  readonly problems = new Map<string, ProjectProblem[]>();
  /** Each file's size, time and inode when last read, good or not. */
  private readonly seen = new Map<string, string>();
  /** Each file's text version (textVersion) when last read; only those of the files in `seen` are told. */
  private readonly versions = new Map<string, string>();
  /** The project folder was there when read before, and is gone now: its last version answers. */
  folderGone = false;
  private folderSeen = false;
  /** The files removed lately, with what they held, put back if their folder turns out to be gone. */
  private readonly removedLately = new Map<string, { removedAt: number; seen: string; entry?: AnswerEntry; problems?: ProjectProblem[] }>();

  /** `dir` is the project folder; `folder` the answers' folder in it. */
  constructor(
    private readonly dir: string,
    private readonly folder: string,
  ) {}

  /** Each file's version (textVersion) as last read, by file; none for a file that could not be read. */
  fileVersions(): Record<string, string> {
    return Object.fromEntries([...this.versions].filter(([file]) => this.seen.has(file)));
  }

  /** Reads again what changed on disk; true when anything did (the folder's going or coming back included). */
  refresh(): boolean {
    if (!existsSync(this.dir) && this.folderSeen) return this.keepWhileGone();
    this.folderSeen = true;
    // Back after it was gone: read again, and the problem that said so is news.
    let changed = this.folderGone;
    this.folderGone = false;
    const present = new Set(projectFiles(join(this.dir, this.folder)).map((name) => `${this.folder}/${name}`));
    const now = Date.now();
    for (const [file, removed] of this.removedLately) if (now - removed.removedAt > FOLDER_REMOVAL_MS) this.removedLately.delete(file);
    for (const [file, seen] of [...this.seen]) {
      if (present.has(file)) continue;
      this.removedLately.set(file, { removedAt: now, seen, entry: this.entries.get(file), problems: this.problems.get(file) });
      this.seen.delete(file);
      this.entries.delete(file);
      this.problems.delete(file);
      changed = true;
    }
    for (const file of present) {
      const signature = fileSignature(join(this.dir, file));
      if (signature === null || signature === this.seen.get(file)) continue;
      this.seen.set(file, signature);
      changed = true;
      this.load(file);
      // A file saved since: the folder is being edited, not removed.
      this.removedLately.clear();
    }
    return changed;
  }

  /**
   * The project folder is gone (a branch switch, say): its last version keeps answering, as a
   * broken file's does, files removed just before it included, until the folder is back.
   */
  private keepWhileGone(): boolean {
    if (this.folderGone) return false;
    this.folderGone = true;
    const now = Date.now();
    for (const [file, removed] of this.removedLately) {
      if (now - removed.removedAt > FOLDER_REMOVAL_MS || this.seen.has(file)) continue;
      this.seen.set(file, removed.seen);
      if (removed.entry) this.entries.set(file, removed.entry);
      if (removed.problems) this.problems.set(file, removed.problems);
    }
    this.removedLately.clear();
    return true;
  }

  private load(file: string): void {
    const name = nameOfFile(file);
    const action = `${name}.yaml` === DEFAULT_ANSWERS_FILE ? null : name;
    const misnamed = misnamedProblem(file);
    if (misnamed) {
      this.problems.set(file, [misnamed]);
      return;
    }
    if (action !== null && !isActionName(action)) {
      this.problems.set(file, [
        {
          file,
          line: null,
          column: null,
          message: `"${name}" is not an action name: name the file <action>.yaml, or _default.yaml for every action`,
        },
      ]);
      return;
    }
    const text = readProjectFile({ path: join(this.dir, file), file });
    if (!text.ok) {
      this.versions.delete(file);
      this.problems.set(file, [text.problem]);
      return;
    }
    this.versions.set(file, textVersion(text.text));
    const read = readAnswerFile(file, text.text);
    if (!read.ok) {
      // The last good version keeps answering until this one is fixed.
      this.problems.set(file, read.problems);
      return;
    }
    this.problems.delete(file);
    const mock = read.value.mock;
    this.entries.set(file, { action, answers: read.value, mockText: mock ? JSON.stringify(mock) : null, updatedAt: Date.now() });
  }
}
