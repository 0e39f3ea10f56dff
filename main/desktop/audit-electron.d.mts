// Types for audit-electron.mjs, which stays plain JavaScript so CI runs it without a build.
export interface Finding {
  id: string;
  file: string;
  description: string;
  severity: { name: string };
  confidence: { name: string };
  location: { line: number; column: number };
}
export interface Acceptance {
  id: string;
  file: string;
  reason: string;
}
export const EXCLUDED: string[];
export const FAILING_SEVERITIES: string[];
export const ACCEPTED_FILE: string;
export function readAccepted(path: string): Acceptance[];
export function judge(
  issues: Finding[],
  accepted: Acceptance[],
): { failing: Finding[]; accepted: Finding[]; minor: Finding[]; stale: Acceptance[] };
export function stage(root: string): string;
export function audit(input: { root: string; log?: (line: string) => void }): Promise<number>;
