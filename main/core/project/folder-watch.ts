import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Watches some subfolders of a folder, and keeps watching them when the folder or a subfolder is
 * removed and made again (a branch switch, `git restore`, a tool that replaces the folder): a
 * watcher follows the folder it was opened on, not its path, so the one on a removed folder hears
 * nothing more. The folder above and the folder itself are watched for their entries coming and
 * going, and each time one does, the watchers below it are opened again on what is there now.
 */
export class FolderWatch {
  /** One watcher per watched path; at most one each, so closing them all leaves none. */
  private readonly watchers = new Map<string, FSWatcher>();
  private closed = false;

  /**
   * `onChange(subfolder)` is called for a change in a subfolder, `onChange(null)` when the folder
   * or a subfolder itself came or went.
   */
  constructor(
    private readonly dir: string,
    private readonly subfolders: readonly string[],
    private readonly onChange: (subfolder: string | null) => void,
    private readonly onError: (error: unknown) => void,
  ) {
    this.open(dirname(dir), (name) => {
      if (name !== null && name !== basename(dir)) return;
      this.openFolder();
      this.onChange(null);
    });
    this.openFolder();
  }

  /** Closes every watcher; nothing is watched again after. */
  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  /** Watches the folder, and each subfolder, as they are now (or stops, where they are gone). */
  private openFolder(): void {
    this.open(this.dir, (name) => {
      if (name !== null && !this.subfolders.includes(name)) return;
      for (const subfolder of name === null ? this.subfolders : [name]) this.openSubfolder(subfolder);
      this.onChange(null);
    });
    for (const subfolder of this.subfolders) this.openSubfolder(subfolder);
  }

  private openSubfolder(subfolder: string): void {
    this.open(join(this.dir, subfolder), () => this.onChange(subfolder));
  }

  /** Opens a watcher on `path` in place of the one before; none when it is not there. */
  private open(path: string, listener: (name: string | null) => void): void {
    this.watchers.get(path)?.close();
    this.watchers.delete(path);
    if (this.closed) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(path, (_event, name) => listener(name));
    } catch (error) {
      // Not there (yet): the watcher above opens it when it comes.
      if (!isGone(error)) this.onError(error);
      return;
    }
    watcher.on('error', (error) => {
      // Windows tells a watched folder's removal as an error: it is the folder above's news.
      watcher.close();
      if (this.watchers.get(path) === watcher) this.watchers.delete(path);
      if (!isGone(error) && (error as NodeJS.ErrnoException).code !== 'EPERM') this.onError(error);
    });
    this.watchers.set(path, watcher);
  }
}

function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
