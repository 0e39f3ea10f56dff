import type { SettingsScope } from '../store/settings-repository';

/** Flowent's documented limit: 1000 Gateway requests per hour per tenant. */
export const REQUESTS_PER_HOUR = 1000;
const HOUR_MS = 3_600_000;
/** Warn from this many requests in the last hour on. */
export const WARN_AT = 900;

/**
 * Counts this machine's Gateway requests per profile over a sliding hour, kept in settings so
 * separate command runs add up. Flowent counts per tenant (other clients add to it), so this
 * warns, it never blocks.
 */
export class RequestCounter {
  constructor(
    private readonly settings: SettingsScope,
    private readonly profile: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one request; returns a warning once the hour's count gets close to the limit. */
  record(): string | null {
    const recent = this.recent();
    recent.push(this.now());
    this.settings.write(this.key, recent);
    const count = recent.length;
    if (count > REQUESTS_PER_HOUR)
      return `${count} Gateway requests from this machine in the last hour: over Flowent's limit of ${REQUESTS_PER_HOUR} per hour, so Flowent may refuse requests for a while.`;
    if (count >= WARN_AT) return `${count} of Flowent's ${REQUESTS_PER_HOUR} Gateway requests per hour used from this machine.`;
    return null;
  }

  /** Requests in the last hour. */
  count(): number {
    return this.recent().length;
  }

  /** Forgets the profile's requests (the profile is removed). */
  clear(): void {
    this.settings.remove(this.key);
  }

  private recent(): number[] {
    const since = this.now() - HOUR_MS;
    return this.settings.read<number[]>(this.key, []).filter((at) => at > since);
  }

  private get key(): string {
    return `requests.${this.profile}`;
  }
}
