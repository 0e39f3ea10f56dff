import { AnswerFolderRead } from './answer-folder-read';
import { FolderWatch } from './folder-watch';
import { ACTIONS_FOLDER } from './project-folder';

/**
 * The answer files' read (AnswerFolderRead) kept in step with the disk: looked at again at most
 * once per turn of the event loop when asked (calls read together share it), and, while watched,
 * when a burst of saves has settled. Each change moves the stamp and is told once per turn,
 * whoever found it (the watcher, a call, a write).
 */

/**
 * How long the watcher lets a burst of writes (an editor's save) settle before reading: an editor
 * that writes a file in parts, or renames and writes it, is read once it is done, not half-way
 * (said as a mistake, then its fix), and a save still shows within a fraction of a second.
 */
const SETTLE_MS = 150;

/** One answers folder's read, kept in step with the disk (see above). */
export class WatchedAnswerFolder {
  readonly read: AnswerFolderRead;
  private stamp = 0;
  private checkedThisTurn = false;
  private folderWatch: FolderWatch | null = null;
  private settle: NodeJS.Timeout | null = null;
  private notifying = false;
  private newsBesideAnswers = false;
  /** Closed for good: the files are read no more and no change is told, not even one already queued. */
  private closed = false;

  /** `dir` is the project folder; `folder` the answers' folder in it. */
  constructor(
    private readonly dir: string,
    private readonly folder: string,
    private readonly onChanged: () => void,
  ) {
    this.read = new AnswerFolderRead(dir, folder);
  }

  /**
   * Watches the folders so a change (or a mistake) is reported when it is saved, not at the next
   * call, and so the project folder's or a folder's coming and going is reported too.
   */
  watch(onError: (error: unknown) => void): void {
    if (this.folderWatch) return;
    this.refresh();
    // A change of the actions, or of which folders are there, is news even when no answer changed.
    this.folderWatch = new FolderWatch(this.dir, [this.folder, ACTIONS_FOLDER], (folder) => this.soon(folder !== this.folder), onError);
  }

  /** Stops for good: what was read stays, nothing is read or told after, a notice queued this turn included. */
  close(): void {
    this.closed = true;
    this.folderWatch?.close();
    this.folderWatch = null;
    if (this.settle) clearTimeout(this.settle);
    this.settle = null;
  }

  /** Moves whenever the files changed (see AnswerSource.changeStamp). */
  changeStamp(): number {
    this.check();
    return this.stamp;
  }

  /** Looks at the files again, at most once per turn of the event loop unless `now` (a write reads what it wrote). */
  check(now = false): void {
    if (this.checkedThisTurn && !now) return;
    this.checkedThisTurn = true;
    setImmediate(() => (this.checkedThisTurn = false));
    this.refresh();
  }

  /** Reads again what changed on disk; true when anything did. A closed folder reads nothing. */
  private refresh(): boolean {
    if (this.closed) return false;
    const changed = this.read.refresh();
    if (changed) {
      this.stamp++;
      this.notify();
    }
    return changed;
  }

  /** After a burst of watcher events: read the answers again; `news` (an action file's change, say) is news by itself. */
  private soon(news: boolean): void {
    if (this.settle) clearTimeout(this.settle);
    this.newsBesideAnswers ||= news;
    this.settle = setTimeout(() => {
      this.settle = null;
      const news = this.newsBesideAnswers;
      this.newsBesideAnswers = false;
      if (!this.refresh() && news) this.notify();
    }, SETTLE_MS);
  }

  /** Tells once per turn, whoever found the change (the watcher, a call, a write). */
  private notify(): void {
    if (this.notifying) return;
    this.notifying = true;
    setImmediate(() => {
      this.notifying = false;
      // Closed since the change was found (a project closed or replaced right after a write): not news any more.
      if (!this.closed) this.onChanged();
    });
  }
}
