// The judging half of `npm run audit:electron`. The scan itself (Electronegativity, about
// 10 s) runs as its own CI step; here: what fails the audit, and the acceptance list.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCEPTED_FILE, EXCLUDED, judge, readAccepted, stage, type Finding } from '../../main/desktop/audit-electron.mjs';

const finding = (id: string, file: string, severity: string): Finding => ({
  id,
  file,
  description: id,
  severity: { name: severity },
  confidence: { name: 'FIRM' },
  location: { line: 1, column: 0 },
});
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('audit:electron', () => {
  it('fails on high and medium findings unless accepted for that check in that file', () => {
    const accepted = [{ id: 'PRELOAD_JS_CHECK', file: 'main/desktop/window.ts', reason: 'reviewed' }];
    const verdict = judge(
      [
        finding('PRELOAD_JS_CHECK', 'main/desktop/window.ts', 'MEDIUM'),
        finding('PRELOAD_JS_CHECK', 'main/other.ts', 'MEDIUM'),
        finding('CONTEXT_ISOLATION_JS_CHECK', 'main/desktop/window.ts', 'HIGH'),
        finding('CSP_GLOBAL_CHECK', 'renderer/index.html', 'LOW'),
        finding('SOMETHING', 'main/x.ts', 'INFORMATIONAL'),
      ],
      accepted,
    );
    expect(verdict.failing.map((f) => `${f.id} ${f.file}`)).toEqual([
      'PRELOAD_JS_CHECK main/other.ts',
      'CONTEXT_ISOLATION_JS_CHECK main/desktop/window.ts',
    ]);
    expect(verdict.accepted).toHaveLength(1);
    expect(verdict.minor.map((f) => f.severity.name)).toEqual(['LOW', 'INFORMATIONAL']);
    expect(verdict.stale).toEqual([]);
  });

  it('reports an acceptance that no longer matches anything, so the list cannot rot', () => {
    const accepted = [{ id: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/gone.ts', reason: 'was reviewed' }];
    expect(judge([], accepted).stale).toEqual(accepted);
  });

  it('every committed acceptance names an existing file and gives a reason', () => {
    const accepted = readAccepted(join('main', 'desktop', ACCEPTED_FILE));
    for (const entry of accepted) {
      expect(existsSync(entry.file), entry.file).toBe(true);
      expect(entry.reason.length).toBeGreaterThan(40);
    }
  });

  it('refuses an acceptance without a reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'a.json'), JSON.stringify([{ id: 'X', file: 'y.ts', reason: ' ' }]));
    expect(() => readAccepted(join(dir, 'a.json'))).toThrow(/reason/);
  });

  it('scans the project without node_modules, build output and tests', () => {
    const root = mkdtempSync(join(tmpdir(), 'audit-root-'));
    dirs.push(root);
    for (const entry of [...EXCLUDED, 'main', 'preload', 'renderer']) mkdirSync(join(root, entry));
    writeFileSync(join(root, 'package.json'), '{}');
    const staged = stage(root);
    dirs.push(staged);
    expect(readdirSync(staged).sort()).toEqual(['main', 'package.json', 'preload', 'renderer']);
    expect(EXCLUDED).toEqual(expect.arrayContaining(['node_modules', 'out', 'test']));
  });
});
