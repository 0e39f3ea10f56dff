import type { FollowRecord, LinkedAction } from '../../contract/account';
import type { SettingsScope } from '../store/settings-repository';

export type { FollowChange, FollowRecord, LinkedAction } from '../../contract/account';
export type { FollowMode } from '../../contract/names-and-limits';

export const FOLLOW_HISTORY_SIZE = 50;

/** Links and the follow-the-tunnel history, in settings (`flowent.links`, `flowent.follow-history`). */
export class LinkStore {
  constructor(private readonly settings: SettingsScope) {}

  all(): LinkedAction[] {
    return this.settings.read<LinkedAction[]>('links', []);
  }

  forProfile(profile: string): LinkedAction[] {
    return this.all().filter((link) => link.profile === profile);
  }

  upsert(link: LinkedAction): void {
    const others = this.all().filter((stored) => !(stored.profile === link.profile && stored.action === link.action));
    this.settings.write('links', [...others, link]);
  }

  /**
   * Marks the profile's link to `action` gone (`followSaid`: a change of the public URL is saying
   * so now); true when that changed it. Nothing when the action is not linked.
   */
  markGone(profile: string, action: string, at: number, followSaid = false): boolean {
    const link = this.find(profile, action);
    if (!link || (link.gone && (link.gone.followSaid || !followSaid))) return false;
    this.replace({ ...link, gone: { at: link.gone?.at ?? at, followSaid } });
    return true;
  }

  /** Flowent has the profile's linked `action` (again): its gone mark goes; true when there was one. */
  markPresent(profile: string, action: string): boolean {
    const link = this.find(profile, action);
    if (!link?.gone) return false;
    const { gone: _gone, ...present } = link;
    this.replace(present);
    return true;
  }

  /** A mark changes the link where it stands: the links keep their order. */
  private replace(link: LinkedAction): void {
    const same = (stored: LinkedAction) => stored.profile === link.profile && stored.action === link.action;
    this.settings.write(
      'links',
      this.all().map((stored) => (same(stored) ? link : stored)),
    );
  }

  find(profile: string, action: string): LinkedAction | null {
    return this.all().find((stored) => stored.profile === profile && stored.action === action) ?? null;
  }

  remove(profile: string, action: string): boolean {
    const all = this.all();
    const kept = all.filter((stored) => !(stored.profile === profile && stored.action === action));
    this.settings.write('links', kept);
    return kept.length !== all.length;
  }

  /** Drops every link under the profile (the profile is removed: no Flowent instance to update or unlink them on). */
  removeProfile(profile: string): void {
    this.settings.write(
      'links',
      this.all().filter((stored) => stored.profile !== profile),
    );
  }

  history(): FollowRecord[] {
    return this.settings.read<FollowRecord[]>('follow-history', []);
  }

  addHistory(record: FollowRecord): void {
    this.settings.write('follow-history', [record, ...this.history()].slice(0, FOLLOW_HISTORY_SIZE));
  }
}

/** `https://abc.ngrok.app` + `send_email` → `https://abc.ngrok.app/actions/send_email` (the docs' convention). */
export function companionWebhookUrl(baseUrl: string, action: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/actions/${action}`;
}

/** True when `url` is under `base` (same origin and path prefix), e.g. a URL change's `previous`. */
export function isUnder(url: string, base: string): boolean {
  const trimmed = base.replace(/\/+$/, '');
  return url === trimmed || url.startsWith(`${trimmed}/`);
}
