// `npm run audit:electron`: Electronegativity over the app's code, failing on findings of
// high or medium severity that are not accepted in electronegativity-accepted.json.
//
// Electronegativity takes one input folder and has no way to exclude paths, so the project
// root is copied to a temporary folder without node_modules, build output and tests (test
// stand-ins are not the app), and scanned there. Accepted findings are matched by check and
// file, not line, so an accepted one stays accepted as the file changes around it; an
// acceptance that no longer matches anything fails the run, so the list cannot go stale.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Top-level entries that are not the app's code. */
export const EXCLUDED = ['node_modules', 'out', 'dist', 'test', 'test-artifacts', '.electron-native', '.git', '.ci'];
export const FAILING_SEVERITIES = ['HIGH', 'MEDIUM'];
export const ACCEPTED_FILE = 'electronegativity-accepted.json';

/** Reads the accepted findings: [{ id, file, reason }], each with a non-empty reason. */
export function readAccepted(path) {
  const list = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${path}: expected an array of { id, file, reason }`);
  for (const entry of list) {
    if (
      typeof entry?.id !== 'string' ||
      typeof entry?.file !== 'string' ||
      typeof entry?.reason !== 'string' ||
      entry.reason.trim() === ''
    ) {
      throw new Error(`${path}: every entry needs a check id, a file and a reason: ${JSON.stringify(entry)}`);
    }
  }
  return list;
}

/**
 * Splits findings into those that fail the audit and the rest, and lists acceptances that
 * matched nothing. `issues` are Electronegativity's (id, file, severity.name, ...), with
 * file relative to the scanned root.
 */
export function judge(issues, accepted) {
  const normal = (file) => file.split(sep).join('/');
  const isAccepted = (issue) => accepted.some((entry) => entry.id === issue.id && entry.file === normal(issue.file));
  const serious = issues.filter((issue) => FAILING_SEVERITIES.includes(issue.severity.name));
  return {
    failing: serious.filter((issue) => !isAccepted(issue)),
    accepted: serious.filter(isAccepted),
    minor: issues.filter((issue) => !FAILING_SEVERITIES.includes(issue.severity.name)),
    stale: accepted.filter((entry) => !serious.some((issue) => entry.id === issue.id && entry.file === normal(issue.file))),
  };
}

/** Copies the project root, minus EXCLUDED, to a fresh temporary folder. */
export function stage(root) {
  const target = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  for (const entry of readdirSync(root)) {
    if (!EXCLUDED.includes(entry)) cpSync(join(root, entry), join(target, entry), { recursive: true });
  }
  return target;
}

const line = (issue) =>
  `  ${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id.padEnd(28)} ${issue.file}:${issue.location.line}`;

export async function audit({ root, log = console.log }) {
  const require = createRequire(join(root, 'package.json'));
  const electronegativity = require('@doyensec/electronegativity');
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const accepted = readAccepted(join(root, 'main', 'desktop', ACCEPTED_FILE));
  const staged = stage(root);
  let result;
  try {
    result = await electronegativity({ input: staged, isRelative: true, electronVersionOverride: electronVersion }, false);
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
  const verdict = judge(result.issues, accepted);
  const unparsed = result.errors.filter((error) => !error.tolerable);
  log(`Electronegativity: ${result.atomicChecks} checks, ${result.globalChecks} global checks, Electron ${electronVersion}.`);
  if (verdict.minor.length) log(`Low and informational (reported, not failing):\n${verdict.minor.map(line).join('\n')}`);
  if (verdict.accepted.length) log(`Accepted (see ${ACCEPTED_FILE}):\n${verdict.accepted.map(line).join('\n')}`);
  for (const error of unparsed) log(`Could not parse ${error.file}: ${error.message}`);
  for (const entry of verdict.stale) log(`Stale acceptance (matches no finding; remove it): ${entry.id} in ${entry.file}`);
  if (verdict.failing.length) {
    log(`FAILED: high or medium findings:\n${verdict.failing.map((issue) => `${line(issue)}\n      ${issue.description}`).join('\n')}`);
  }
  const failed = verdict.failing.length > 0 || verdict.stale.length > 0 || unparsed.length > 0;
  if (!failed) log('Electronegativity audit passed.');
  return failed ? 1 : 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  audit({ root }).then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
