import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectProblem } from '../../contract/project';
import type { ActionFile } from './action-file';
import { fileSignature } from './project-file';
import { ACTIONS_FOLDER, FOLDER_REMOVAL_MS, projectFiles, readActionFileIn } from './project-folder';

/** One file of `actions/` as last read: its action when good (and when it was saved), or what is wrong with it. */
interface ReadFile {
  signature: string;
  action: ActionFile | null;
  modifiedAt: number;
  problems: ProjectProblem[];
  version: string | null;
}

/** A good action file with the time it was saved, as a parameter check names its schema. */
export interface ActionInUse {
  action: ActionFile;
  modifiedAt: number;
}

/**
 * The project's `actions/` as the serve uses them (the schemas it checks calls' parameters
 * against, the actions the simulator knows): read again when a file changes, and kept in their
 * last version while the project folder is gone (a branch switch, say), as its answers are,
 * files removed just before it included, until the folder is back.
 */
export class ProjectActionFiles {
  private readonly files = new Map<string, ReadFile>();
  /** The files removed lately, put back if their folder turns out to be gone. */
  private readonly removedLately = new Map<string, { removedAt: number; read: ReadFile }>();
  private folderSeen = false;
  private folderGone = false;

  /** `dir` is the project folder (`flowent/`). */
  constructor(private readonly dir: string) {}

  /** The good action files, sorted by file. */
  inUse(): ActionInUse[] {
    return this.sorted().flatMap(({ action, modifiedAt }) => (action ? [{ action, modifiedAt }] : []));
  }

  /** What is wrong with the files that cannot be used, file by file. */
  problems(): ProjectProblem[] {
    return this.sorted().flatMap((read) => read.problems);
  }

  /** Each file's version (textVersion) as last read, by file; none for a file that could not be read. */
  versions(): Record<string, string> {
    this.refresh();
    return Object.fromEntries([...this.files].flatMap(([file, read]) => (read.version === null ? [] : [[file, read.version]])));
  }

  private sorted(): ReadFile[] {
    this.refresh();
    return [...this.files.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, read]) => read);
  }

  private refresh(): void {
    if (!existsSync(this.dir) && this.folderSeen) return this.keepWhileGone();
    this.folderSeen = true;
    this.folderGone = false;
    const now = Date.now();
    for (const [file, removed] of this.removedLately) if (now - removed.removedAt > FOLDER_REMOVAL_MS) this.removedLately.delete(file);
    const present = new Set(projectFiles(join(this.dir, ACTIONS_FOLDER)).map((name) => `${ACTIONS_FOLDER}/${name}`));
    for (const [file, read] of [...this.files]) {
      if (present.has(file)) continue;
      this.removedLately.set(file, { removedAt: now, read });
      this.files.delete(file);
    }
    for (const file of present) {
      const path = join(this.dir, file);
      const signature = fileSignature(path);
      if (signature === null || signature === this.files.get(file)?.signature) continue;
      this.files.set(file, { signature, modifiedAt: modifiedAt(path), ...readActionFileIn(this.dir, file) });
      // A file saved since: the folder is being edited, not removed.
      this.removedLately.clear();
    }
  }

  /** The project folder is gone: its files stay as last read, with those removed just before it. */
  private keepWhileGone(): void {
    if (this.folderGone) return;
    this.folderGone = true;
    const now = Date.now();
    for (const [file, removed] of this.removedLately)
      if (now - removed.removedAt <= FOLDER_REMOVAL_MS && !this.files.has(file)) this.files.set(file, removed.read);
    this.removedLately.clear();
  }
}

function modifiedAt(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
