import { createHash } from 'node:crypto';
import type { SignatureReport } from '../../contract/api';
import { STYLES, verify } from '../signature';
import type { CallsRepository } from '../store/calls-repository';
import type { SettingsScope } from '../store/settings-repository';
import type { StyleName } from '../../contract/names-and-limits';

/** The learned style's part of the settings table: one tally per key fingerprint. */
export const LEARNED_STYLE_SETTINGS_SCOPE = 'learned-style';

/** The style re-signed and simulated calls use until the history says otherwise. */
export const FALLBACK_STYLE: StyleName = 'python';

/** How many of the newest calls a first computation looks at, so a huge history stays quick. */
const RECOMPUTE_WINDOW = 5_000;
const SCAN_PAGE = 500;

/** Which style this Flowent instance signs with, as far as the stored calls tell. */
export interface LearnedStyle {
  style: StyleName;
  /** Valid calls the style matched. */
  fromCalls: number;
  /** Of those, calls where some styles matched and others did not (the ones that tell styles apart). */
  discriminatingCalls: number;
  /** False while no call has told the candidates apart (e.g. only plain ASCII calls): `style` is then the fallback order's pick. */
  decided: boolean;
}

/** What is kept in `settings` per key: tallies, never the key. */
interface Tally {
  version: 1;
  /** Calls up to this id are counted. */
  lastId: number;
  calls: number;
  matched: Record<string, number>;
  discriminating: Record<string, number>;
}

/** A key's fingerprint: the first 16 hex of its SHA-256 (the key itself is never stored). */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16);
}

function emptyTally(lastId: number): Tally {
  return { version: 1, lastId, calls: 0, matched: {}, discriminating: {} };
}

/** Counts one valid call: every style that matched, and whether the styles disagreed on it. */
export function tallyReport(tally: Tally, report: SignatureReport): void {
  if (report.verdict !== 'valid') return;
  const matched = report.styles.filter((s) => s.matched).map((s) => s.style);
  if (matched.length === 0) return;
  const disagreed = matched.length < report.styles.length;
  tally.calls++;
  for (const style of matched) {
    tally.matched[style] = (tally.matched[style] ?? 0) + 1;
    if (disagreed) tally.discriminating[style] = (tally.discriminating[style] ?? 0) + 1;
  }
}

/**
 * The style that matched in the most calls; among ties the one that matched most often where
 * styles disagreed; among remaining ties the engine's order (python, go, go-struct, raw, ...).
 * The signature engine names only the first matching style, so counting that name alone
 * would always say "python" for plain ASCII calls.
 */
export function pickStyle(tally: Pick<Tally, 'matched' | 'discriminating'>): LearnedStyle {
  let best: LearnedStyle | null = null;
  for (const info of STYLES) {
    const fromCalls = tally.matched[info.name] ?? 0;
    const discriminatingCalls = tally.discriminating[info.name] ?? 0;
    if (fromCalls === 0) continue;
    if (!best || fromCalls > best.fromCalls || (fromCalls === best.fromCalls && discriminatingCalls > best.discriminatingCalls)) {
      best = { style: info.name, fromCalls, discriminatingCalls, decided: discriminatingCalls > 0 };
    }
  }
  return best ?? { style: FALLBACK_STYLE, fromCalls: 0, discriminatingCalls: 0, decided: false };
}

/**
 * Learns the signing style per HMAC key from the history, keeping tallies in its settings.
 * Each look catches up on calls stored since the last one, re-verifying their bodies with the
 * key, so calls signed with another key never count.
 */
export class StyleLearner {
  /**
   * `saves` false for a history opened to read only (`calls`, `export`): the count is made
   * afresh each time, from the last saved one, and kept for the next writer to save.
   */
  constructor(
    private readonly calls: () => CallsRepository,
    private readonly settings: () => SettingsScope,
    private readonly saves = true,
  ) {}

  learnedStyle(key: string): LearnedStyle {
    const tally = this.catchUp(key, Number.MAX_SAFE_INTEGER);
    return pickStyle(tally);
  }

  private load(key: string): Tally {
    const stored = this.settings().read<Partial<Tally> | null>(keyFingerprint(key), null);
    // A damaged entry is recomputed.
    if (stored?.version === 1 && typeof stored.lastId === 'number' && stored.lastId >= 0) return stored as Tally;
    return emptyTally(Math.max(0, this.calls().lastCallId() - RECOMPUTE_WINDOW));
  }

  private save(key: string, tally: Tally): void {
    if (!this.saves) return;
    this.settings().write(keyFingerprint(key), tally);
  }

  /** Counts calls stored after the tally's last id and before `beforeId`. */
  private catchUp(key: string, beforeId: number): Tally {
    const repository = this.calls();
    const tally = this.load(key);
    const startedAt = tally.lastId;
    for (;;) {
      const rows = repository.signedFlowentBodies(tally.lastId, beforeId, SCAN_PAGE);
      for (const row of rows) {
        tallyReport(tally, verify(row.body, key, { receivedAt: row.receivedAt }));
        tally.lastId = row.id;
      }
      if (rows.length < SCAN_PAGE) break;
    }
    if (tally.lastId !== startedAt || this.settings().read(keyFingerprint(key), null) === null) this.save(key, tally);
    return tally;
  }
}
