import { hasLeftOutCredentials, hasUrlCredentials, redactUrlCredentials } from '../../contract/url-credentials';
import type { SettingsScope } from '../store/settings-repository';

/** Where, in the project's settings, a forward target is kept whole: under the URL as its file holds it. */
const KEY_PREFIX = 'forward-target.';

/**
 * The forward targets whose password an answer file holds as `***`, kept whole in the history
 * folder: answer files are meant for git, as `mocks export` and `actions pull` write them. A
 * `***` in a file stands for the password kept here for that same URL, so the companion that
 * set it forwards with it, and one that never did says so instead of sending `***`.
 */
export class KeptTargetPasswords {
  constructor(private readonly settings: () => SettingsScope) {}

  /** Keeps `url` whole when it has a password, and gives it as the file is to hold it (password as `***`). */
  keep(url: string): string {
    if (!hasUrlCredentials(url) || hasLeftOutCredentials(url)) return url;
    const written = redactUrlCredentials(url);
    const settings = this.settings();
    const before = settings.read<unknown>(KEY_PREFIX + written, null);
    settings.write(KEY_PREFIX + written, url);
    // Another password for the same *** line: the one it replaces is forgotten.
    if (before !== null && before !== url) settings.scrub();
    return written;
  }

  /**
   * Forgets the password kept for `written` (a target as a file held it, `***` and all): the user
   * cleared that target or gave another, and a secret outlives neither. Kept while `stillNamed`, as
   * one URL may be several actions' target.
   */
  forget(written: string, stillNamed: boolean): void {
    if (stillNamed || !hasLeftOutCredentials(written)) return;
    const settings = this.settings();
    settings.remove(KEY_PREFIX + written);
    settings.scrub();
  }

  /** The URL a file's target stands for: the one kept whole for it, when its password is `***` and one was kept here. */
  whole(url: string): string {
    if (!hasLeftOutCredentials(url)) return url;
    const kept = this.settings().read<unknown>(KEY_PREFIX + url, null);
    return typeof kept === 'string' && redactUrlCredentials(kept) === url ? kept : url;
  }
}
