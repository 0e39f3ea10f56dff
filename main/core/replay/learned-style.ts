import { createHash } from 'node:crypto';
import type { SignatureReport } from '../../contract/api';
import { STYLES, verify } from '../signature';
import type { CallsRepository } from '../store/calls-repository';
import type { StoredCall } from '../store/call-rows';
import type { SettingsRepository, SettingsScope } from '../store/settings-repository';
import { isStyleName, type StyleName, type Verdict } from '../../contract/names-and-limits';

/** The learned style's part of the settings table: one tally per key fingerprint. */
export const LEARNED_STYLE_SETTINGS_SCOPE = 'learned-style';

/** The style re-signed and simulated calls use until the history says otherwise. */
export const FALLBACK_STYLE: StyleName = 'python';

/**
 * How many of the newest calls one look counts at most: all of a first count, and of the calls
 * stored since the last look. A huge history stays quick, and so does a command that only reads
 * (it cannot save its count) after a serve stored many calls that nobody looked at.
 */
const RECOMPUTE_WINDOW = 5_000;
const SCAN_PAGE = 500;

/** Valid Flowent calls the learned style does not sign, by the style they were signed in. */
export interface SignedUnlike {
  /** The first style, in the engine's order, that signs them (the one a call's line names). */
  style: StyleName;
  calls: number;
}

/** Which style this Flowent instance signs with, as far as the stored calls tell. */
export interface LearnedStyle {
  style: StyleName;
  /** Valid calls the style matched. */
  fromCalls: number;
  /** Of those, calls where some styles matched and others did not (the ones that tell styles apart). */
  discriminatingCalls: number;
  /** False while no call has told the candidates apart (e.g. only plain ASCII calls): `style` is then the fallback order's pick. */
  decided: boolean;
  /** The valid calls `style` did not match, most first: a handler written for `style` rejects them. */
  contrary: SignedUnlike[];
}

/**
 * What is kept in `settings` per key: tallies, never the key. Version 1 counted calls per style
 * alone, which cannot tell the calls a style did not match apart by the style they were signed
 * in; such a tally is counted again (see load).
 */
interface Tally {
  version: 2;
  /** Calls up to this id are counted. */
  lastId: number;
  /** Valid calls by the styles that matched each: their names in the engine's order, space apart. */
  matchedSets: Record<string, number>;
}

/** What is learned before any valid call: the fallback style, from no call. */
export const NOTHING_LEARNED: Readonly<LearnedStyle> = Object.freeze({
  style: FALLBACK_STYLE,
  fromCalls: 0,
  discriminatingCalls: 0,
  decided: false,
  contrary: [],
});

/** A key's fingerprint: the first 16 hex of its SHA-256 (the key itself is never stored). */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16);
}

function emptyTally(lastId: number): Tally {
  return { version: 2, lastId, matchedSets: {} };
}

/** The styles a report's valid signature matched, in the engine's order; none for any other verdict. */
function matchedStyles(report: SignatureReport): StyleName[] {
  if (report.verdict !== 'valid') return [];
  return report.styles.filter((s) => s.matched).map((s) => s.style as StyleName);
}

/** Counts one valid call under the set of styles that matched it. */
function tallyReport(tally: Tally, report: SignatureReport): void {
  const matched = matchedStyles(report);
  if (matched.length === 0) return;
  const set = matched.join(' ');
  tally.matchedSets[set] = (tally.matchedSets[set] ?? 0) + 1;
}

/**
 * The style that matched in the most calls; among ties the engine's order (python, go,
 * go-struct, raw, ...). The signature engine names only the first matching style, so counting
 * that name alone would always say "python" for plain ASCII calls. The calls it did not match
 * are named by the first style that matched each, as their lines name them.
 */
export function pickStyle(tally: Pick<Tally, 'matchedSets'>): LearnedStyle {
  const sets = Object.entries(tally.matchedSets).map(([set, calls]) => ({ styles: set.split(' ').filter(isStyleName), calls }));
  let best: LearnedStyle | null = null;
  for (const info of STYLES) {
    const matching = sets.filter((set) => set.styles.includes(info.name));
    const fromCalls = sum(matching);
    if (fromCalls === 0 || (best && fromCalls <= best.fromCalls)) continue;
    // A call every style signs alike tells nothing of which one Flowent uses.
    const discriminatingCalls = sum(matching.filter((set) => set.styles.length < STYLES.length));
    best = { style: info.name, fromCalls, discriminatingCalls, decided: discriminatingCalls > 0, contrary: [] };
  }
  if (!best) return NOTHING_LEARNED;
  const learned = best.style;
  const unlike = new Map<StyleName, number>();
  for (const { styles, calls } of sets) {
    const named = styles[0];
    if (named !== undefined && !styles.includes(learned)) unlike.set(named, (unlike.get(named) ?? 0) + calls);
  }
  const order = (style: StyleName) => STYLES.findIndex((info) => info.name === style);
  best.contrary = [...unlike]
    .map(([style, calls]) => ({ style, calls }))
    .sort((a, b) => b.calls - a.calls || order(a.style) - order(b.style));
  return best;
}

function sum(sets: readonly { calls: number }[]): number {
  return sets.reduce((total, set) => total + set.calls, 0);
}

/** The verdicts a stored call from Flowent is re-verified from, as signedFlowentBodies selects them. */
const TAUGHT_BY: ReadonlySet<Verdict> = new Set<Verdict>(['valid', 'invalid', 'no-key']);

/**
 * The learned style a stored call is signed unlike: a call from Flowent, counted in the learned
 * style (its signature valid with `key`), that none of the styles it is valid in is the learned
 * one, so a handler written for that style rejects it. Null for a call that teaches nothing (a
 * replay, a simulated or sent call, an import, a signature not valid with this key), for one
 * the learned style signs (bytes every style signs alike included), and while nothing is learned.
 */
export function signedUnlikeLearned(
  call: Pick<StoredCall, 'source' | 'verdict' | 'requestBody' | 'receivedAt'>,
  key: string | null,
  learned: () => Pick<LearnedStyle, 'style' | 'fromCalls'>,
): { style: StyleName; fromCalls: number } | null {
  if (key === null || call.source !== 'flowent' || !TAUGHT_BY.has(call.verdict)) return null;
  const matched = matchedStyles(verify(call.requestBody, key, { receivedAt: call.receivedAt }));
  if (matched.length === 0) return null;
  const { style, fromCalls } = learned();
  return fromCalls === 0 || matched.includes(style) ? null : { style, fromCalls };
}

/**
 * For a writer opening the history with `key` set: its tally, when an older version kept it in
 * an older form, is counted again once, now (see StyleLearner.upgradeKept). One that cannot be
 * saved (a full disk) goes to `onError`, and is counted at the next look as before: the history
 * still opens.
 */
export function upgradeKeptTally(
  store: { calls: CallsRepository; settings: SettingsRepository },
  key: string | null,
  onError: (error: unknown) => void,
): void {
  if (key === null) return;
  try {
    new StyleLearner(
      () => store.calls,
      () => store.settings.scope(LEARNED_STYLE_SETTINGS_SCOPE),
    ).upgradeKept(key);
  } catch (error) {
    onError(error);
  }
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
    private readonly window = RECOMPUTE_WINDOW,
  ) {}

  learnedStyle(key: string): LearnedStyle {
    const tally = this.catchUp(key, Number.MAX_SAFE_INTEGER);
    return pickStyle(tally);
  }

  /**
   * For a writer opening the history: a tally kept in an older form (version 1's) or damaged is
   * counted again now, from the newest calls, and saved. A command that only reads cannot save
   * it, and counted those calls again at each look until some writer happened to look. A tally
   * in the current form, or none, is left for the next look, as before.
   */
  upgradeKept(key: string): void {
    if (this.settings().read<unknown>(keyFingerprint(key), null) !== null && this.kept(key) === null)
      this.catchUp(key, Number.MAX_SAFE_INTEGER);
  }

  /** The key's tally as kept in settings; null when none is kept in the current form (none, version 1's, a damaged one). */
  private kept(key: string): Tally | null {
    const stored = this.settings().read<Partial<Tally> | null>(keyFingerprint(key), null);
    if (
      stored?.version === 2 &&
      typeof stored.lastId === 'number' &&
      stored.lastId >= 0 &&
      typeof stored.matchedSets === 'object' &&
      stored.matchedSets !== null
    )
      return stored as Tally;
    return null;
  }

  private save(key: string, tally: Tally): void {
    if (!this.saves) return;
    this.settings().write(keyFingerprint(key), tally);
  }

  /** Counts calls stored after the tally's last id and before `beforeId`. */
  private catchUp(key: string, beforeId: number): Tally {
    const repository = this.calls();
    const kept = this.kept(key);
    // None kept in the current form: counted again from the newest calls, so a huge history stays quick.
    const newestWindow = Math.max(0, repository.lastCallId() - this.window);
    const tally = kept ?? emptyTally(newestWindow);
    const startedAt = tally.lastId;
    // More calls since the last look than one look counts: the older of them are passed over (the
    // style most calls are signed in shows as well in the newest), as a first count passes them over.
    tally.lastId = Math.max(tally.lastId, newestWindow);
    for (;;) {
      const rows = repository.signedFlowentBodies(tally.lastId, beforeId, SCAN_PAGE);
      for (const row of rows) {
        tallyReport(tally, verify(row.body, key, { receivedAt: row.receivedAt }));
        tally.lastId = row.id;
      }
      if (rows.length < SCAN_PAGE) break;
    }
    // Saved when none was kept in the current form, even with no call counted: a version 1
    // tally left in place would be counted again at every look.
    if (kept === null || tally.lastId !== startedAt) this.save(key, tally);
    return tally;
  }
}
