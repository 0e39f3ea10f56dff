import { hereCandidates, hereFactsOf, type CallSummary, type CoreStatus } from '../../../main/contract/api';
import type { AccountState, FlowentAction, LinkedAction, RegistrationRecord } from '../../../main/contract/account';
import { goneLinkWords, linkNamed, registrationFinishedWords, staleLinksWords } from '../../../main/contract/words';
import { inPageWords } from '../page/page-words';
import { readJson } from '../../../main/contract/json-syntax';

/** "42:10" (or "1:02:03" past an hour) until `at`; "0:00" once past. */
export function formatCountdown(at: number, now: number): string {
  const total = Math.max(0, Math.floor((at - now) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * The "register here" whose wait a registration check belongs to: same action, and the check
 * arrived between the request to Flowent and its answer (Flowent checks before it answers).
 */
export function registrationFor(
  call: Pick<CallSummary, 'action' | 'receivedAt' | 'test'>,
  records: RegistrationRecord[],
): RegistrationRecord | null {
  if (!call.test || !call.action) return null;
  return records.find((r) => r.action === call.action && r.startedAt <= call.receivedAt && call.receivedAt <= r.finishedAt) ?? null;
}

/** What Flowent said about a registration from this page, as serve says it in its terminal. */
export function registrationText(record: RegistrationRecord): string {
  return registrationFinishedWords(record.action, record, record.failure ? inPageWords(record.failure) : null);
}

/**
 * Linked actions that no longer reach this companion, each named with its profile (the banner
 * shows every profile's), as serve says them, with where the page points them here again.
 */
export function staleLinksText(links: readonly LinkedAction[]): string {
  const named = links.map((link) => ({ name: linkNamed(link), webhookUrl: link.webhookUrl }));
  return staleLinksWords(named, (them) => `point ${them} here again with Edit › Register here`);
}

/** A linked action Flowent no longer has, of any profile, with where the page unlinks it: the Unlink button beside these words. */
export function goneLinkText(link: Pick<LinkedAction, 'action' | 'profile'>): string {
  return goneLinkWords(link, 'Unlink, beside this');
}

export type ActionBadge = 'linked' | 'stale';

/** Whether the active profile's action follows this companion, and whether it still reaches it. */
export function badgesOf(account: AccountState | null, action: Pick<FlowentAction, 'name'>): ActionBadge[] {
  if (!account) return [];
  const mine = (l: { profile: string; action: string }) => l.profile === account.activeProfile && l.action === action.name;
  const badges: ActionBadge[] = [];
  if (account.links.some(mine)) badges.push('linked');
  if (account.stale.some(mine)) badges.push('stale');
  return badges;
}

export interface BaseUrlChoice {
  /** null: the public tunnel URL, resolved by the core. */
  value: string | null;
  label: string;
}

/** Where "register here" can point Flowent: the public URL, the LAN addresses, this computer. */
export function baseUrlChoices(status: CoreStatus | null): BaseUrlChoice[] {
  if (!status) return [];
  // The same order as `here` on the command line: its first choice is what `here` means there.
  return hereCandidates(hereFactsOf(status)).map((here): BaseUrlChoice => {
    switch (here.reach) {
      case 'public':
        return { value: null, label: `Public URL ${here.base}` };
      case 'lan':
        return { value: here.base, label: `LAN ${here.base} (${here.interface ?? 'network'})` };
      case 'this-computer':
        return { value: here.base, label: `This computer ${here.base}` };
    }
  });
}

/** JSON text for the schema editor. */
export function prettySchema(schema: Record<string, unknown>): string {
  return JSON.stringify(schema, null, 2);
}

/** The schema editor's text as a JSON object, or why it is not one. */
export function parseSchemaText(text: string): { ok: true; schema: Record<string, unknown> } | { ok: false; message: string } {
  const read = readJson(text);
  if (!read.ok) return { ok: false, message: `json_schema is not valid JSON: ${read.problem.reason}.` };
  const value = read.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'json_schema must be a JSON object, e.g. {"type": "object", "properties": {}}.' };
  }
  return { ok: true, schema: value as Record<string, unknown> };
}
