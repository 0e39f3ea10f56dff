import type { ProjectState } from '../../contract/project';

/**
 * How long a change that only removes files is held back. An editor that saves by moving the
 * file away and writing it anew (vim does) leaves it missing for an instant; on a busy machine
 * the watcher can look in that instant. Told at once, the save would read as the file removed,
 * then added; held, the next look finds it back and it is told as changed.
 */
export const REMOVAL_GRACE_MS = 1000;

/**
 * Tells the project's changes as they are found, except one that only removes files (none added,
 * the folder itself not gone) or brings the folder back without all its files: that one is told
 * when the files have had REMOVAL_GRACE_MS to come back, with whatever the project is then. What the files answer follows the disk at once all
 * the same; only the telling waits (and any other change found meanwhile waits with it).
 */
export class ProjectNews {
  /** The files named by the state last told: in use, or with a mistake. */
  private told = new Set<string>();
  private held: NodeJS.Timeout | null = null;

  constructor(
    private readonly current: () => ProjectState,
    private readonly tell: (state: ProjectState) => void,
  ) {}

  /** A change was found: told now, or, when files may still come back, once they have had a moment to. */
  changed(): void {
    const state = this.current();
    if (filesMayStillCome(this.told, filesOf(state))) {
      this.held ??= setTimeout(() => {
        this.held = null;
        this.tellNow(this.current());
      }, REMOVAL_GRACE_MS);
      return;
    }
    this.tellNow(state);
  }

  /** Tells `state` at once (the project opened or closed), and forgets a change held back. */
  tellNow(state: ProjectState): void {
    this.close();
    this.told = filesOf(state);
    this.tell(state);
  }

  close(): void {
    if (this.held) clearTimeout(this.held);
    this.held = null;
  }
}

/** The files a state names: in use (answers, actions) or with a mistake; `.` is the folder, when it is gone. */
function filesOf(state: ProjectState): Set<string> {
  return new Set([...state.answers, ...state.actions, ...state.problems.map((problem) => problem.file)]);
}

/**
 * Whether files told may still come back: some are gone and none came, or the folder came back
 * (`.` gone from the problems) without every file of its last version. A copy or a checkout makes
 * the folder first and writes its files after; told at once, the folder would read as back with
 * no answer files, then each file added. Back with all of them, it is news at once.
 */
function filesMayStillCome(before: Set<string>, now: Set<string>): boolean {
  if (before.has('.') && !now.has('.')) return [...before].some((file) => file !== '.' && !now.has(file));
  return [...now].every((file) => before.has(file)) && [...before].some((file) => !now.has(file));
}
