import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ProjectMissing, ProjectNotCreated, ProjectProblem, Refused, Result } from '../../contract/api';
import { fileErrorCode } from '../../contract/words/file-words';
import { isProcessAlive } from '../process-alive';
import { readActionFile, type ActionFile } from './action-file';
import { readProjectFile, textVersion } from './project-file';
import { PROJECT_FORMAT_VERSION, SCHEMA_FILES, schemaLine } from './project-schemas';
import { BUILT_IN_ANSWER_TEXT } from '../../contract/answers';

/** The folder a project keeps in git, beside the handler's code. */
export const PROJECT_FOLDER_NAME = 'flowent';
export const ACTIONS_FOLDER = 'actions';
export const ANSWERS_FOLDER = 'answers';
/** The answers of every action that has no file of its own, and the mode of every file without one. */
export const DEFAULT_ANSWERS_FILE = '_default.yaml';

/**
 * How long a removed file's last version is kept in case its folder goes next (unless a file is
 * saved meanwhile): a branch switch removes the files one by one, then the folder, and a call read
 * between them sees only the files go.
 */
export const FOLDER_REMOVAL_MS = 1000;

/**
 * The project folder for a command: `--project <dir>` (the folder holding `flowent/`, or the
 * `flowent/` folder itself), else `flowent/` in the current folder when there is one, else null.
 */
export function findProjectDir(flag: string | undefined, cwd: string): string | null {
  if (flag !== undefined) {
    const given = resolve(cwd, flag);
    const inside = join(given, PROJECT_FOLDER_NAME);
    return isFolder(inside) || basename(given) !== PROJECT_FOLDER_NAME ? inside : given;
  }
  const here = join(cwd, PROJECT_FOLDER_NAME);
  return isFolder(here) ? here : null;
}

export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Why a project folder cannot be read (it is not there), or null. */
export function checkProjectDir(dir: string): Refused<ProjectMissing> | null {
  return isFolder(dir) ? null : { ok: false, code: 'project-missing', dir };
}

/** Writes a file whole or not at all: a crash never leaves half a file a teammate would commit. */
export function writeFileAtomically(path: string, text: string): void {
  const temp = join(path, '..', `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, path);
}

export function removeFile(path: string): void {
  rmSync(path, { force: true });
}

/** The action files and what is wrong with those that cannot be used. */
export function readActionFiles(dir: string): { actions: ActionFile[]; problems: ProjectProblem[] } {
  const read = projectFiles(join(dir, ACTIONS_FOLDER)).map((name) => readActionFileIn(dir, `${ACTIONS_FOLDER}/${name}`));
  return { actions: read.flatMap((one) => one.action ?? []), problems: read.flatMap((one) => one.problems) };
}

/**
 * One file of `actions/` (`actions/<name>.yaml`): its action when it is good, else what is wrong
 * with it, and the version of its text (textVersion) when it could be read.
 */
export function readActionFileIn(
  dir: string,
  file: string,
): { action: ActionFile | null; problems: ProjectProblem[]; version: string | null } {
  const misnamed = misnamedProblem(file);
  if (misnamed) return { action: null, problems: [misnamed], version: null };
  const text = readProjectFile({ path: join(dir, file), file });
  if (!text.ok) return { action: null, problems: [text.problem], version: null };
  const version = textVersion(text.text);
  const read = readActionFile(file, text.text);
  return read.ok ? { action: read.value, problems: [], version } : { action: null, problems: read.problems, version };
}

/** The endings of the files a project folder lists: `.yaml`, and those it refuses by name (misnamedProblem). */
const LISTED_FILE = /\.(ya?ml|json)$/;

/**
 * The files of a folder a person may have meant as project files, sorted; none when the folder
 * does not exist. The project reads `<name>.yaml` only: a `.yml` or `.json` is listed to be
 * refused, not passed over in silence.
 */
export function projectFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => LISTED_FILE.test(name) && !name.startsWith('.'))
    .sort();
}

/** The name a listed file's action (or `_default`) goes by: its name without the ending. */
export function nameOfFile(file: string): string {
  return basename(file).replace(LISTED_FILE, '');
}

/**
 * Creates `flowent/` under `root`: the two folders, the schemas editors use, the default answers
 * and a README. Refuses when the folder exists, so nothing a team committed is overwritten. The
 * files are written in a hidden folder beside it and renamed into place: a failure half-way
 * (a full disk, a permission) leaves no half-made `flowent/` that the next try would call existing.
 */
export function createProjectFolder(root: string): Result<string, ProjectNotCreated> {
  const dir = join(root, PROJECT_FOLDER_NAME);
  const refused = rootRefusal(root);
  if (refused) return refused;
  if (existsSync(dir)) return { ok: false, code: 'project-exists', dir };
  const building = join(root, `${BUILDING_PREFIX}${process.pid}`);
  try {
    if (!existsSync(root)) mkdirSync(root);
    removeAbandonedBuilds(root);
    writeProjectFiles(building);
    renameSync(building, dir);
    return { ok: true, value: dir };
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    // Another process made it between the check and the rename.
    if (existsSync(dir)) return { ok: false, code: 'project-exists', dir };
    return { ok: false, code: 'project-not-written', root, reason: fileErrorCode(error) ?? String(error) };
  }
}

/** Why `root` cannot hold a new `flowent/`: a file on its path, or more than its last folder missing. */
function rootRefusal(root: string): Refused<ProjectNotCreated> | null {
  let path = root;
  let missing: string | null = null;
  for (;;) {
    try {
      if (!statSync(path).isDirectory()) return { ok: false, code: 'project-root-not-a-folder', root, file: path };
      break;
    } catch (error) {
      if (fileErrorCode(error) === 'ENOTDIR') {
        // A file further up: the loop reaches and names it.
      } else if (fileErrorCode(error) !== 'ENOENT') return null; // the write that follows says what is wrong
      missing = path;
      const parent = dirname(path);
      if (parent === path) return null;
      path = parent;
    }
  }
  return missing !== null && missing !== root ? { ok: false, code: 'project-root-missing', root, missing } : null;
}

/** The hidden folder `flowent/` is written in before it is renamed into place, by process id. */
const BUILDING_PREFIX = `.${PROJECT_FOLDER_NAME}-being-made-`;

/** What an init that was killed half-way left (its process is gone): never a project, only clutter. */
function removeAbandonedBuilds(root: string): void {
  for (const name of readdirSync(root)) {
    const pid = Number(name.slice(BUILDING_PREFIX.length));
    if (name.startsWith(BUILDING_PREFIX) && Number.isInteger(pid) && pid > 0 && !isProcessAlive(pid))
      rmSync(join(root, name), { recursive: true, force: true });
  }
}

function writeProjectFiles(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  mkdirSync(join(dir, ACTIONS_FOLDER));
  mkdirSync(join(dir, ANSWERS_FOLDER));
  mkdirSync(join(dir, 'schemas'));
  for (const { path, schema } of Object.values(SCHEMA_FILES)) writeFileSync(join(dir, path), `${JSON.stringify(schema, null, 2)}\n`);
  writeFileSync(join(dir, ANSWERS_FOLDER, DEFAULT_ANSWERS_FILE), DEFAULT_ANSWERS_TEXT);
  writeFileSync(join(dir, 'README.md'), PROJECT_README);
}

const DEFAULT_ANSWERS_TEXT = `${schemaLine('answers')}
# The answers of every action that has no file of its own in this folder.
# Without a mock here, calls get ${BUILT_IN_ANSWER_TEXT}. For example:
#   status: 200
#   body: {result: "Done for {{parameters.recipient}}", error: ""}
# or forward them to your handler:
#   mode: forward
#   forward: http://localhost:8000/actions/{action_name}
# The mode set here also holds for an action whose own file sets no "mode:" (its
# mock is then the answer when the handler gives none, with serve --fallback-to-mock).
# Give that file "mode: mock" for its own mock to answer.
# "flowent-companion mocks --help" describes every field.
version: ${PROJECT_FORMAT_VERSION}
`;

const PROJECT_README = `# Flowent actions and answers

This folder belongs in git, beside your action handler. Flowent Companion reads it.

- \`actions/<name>.yaml\`: one Flowent action each: its description, the JSON Schema of its
  parameters, and its \`webhook_url\`, one for every profile or one per profile (\`default\`,
  \`staging\`...). \`here\` means the running companion (its tunnel's URL when one is open).
  A copy with another name is another action.
- \`answers/<name>.yaml\`: how the companion answers that action's calls: a mock (the format
  \`flowent-companion mocks --help\` shows), or \`mode: forward\` with \`forward: <your handler's URL>\`.
  \`answers/_default.yaml\` answers every action without a file of its own, and its \`mode\` holds
  for every file that sets none: with \`mode: forward\` there, a file needs \`mode: mock\` for its
  own mock to answer.
- \`schemas/\`: the JSON Schemas of these files; the \`$schema\` line at the top of each file lets
  your editor complete and check them.

Every file starts with \`version: 1\`, the format it is written in.

Commands, run from the folder that holds \`flowent/\`:

    flowent-companion serve                 # answers calls from answers/, live as you save
    flowent-companion actions plan          # what apply would change on Flowent (exit 3: changes)
    flowent-companion actions apply         # make Flowent match actions/ (--prune deletes the rest)
    flowent-companion actions pull          # write Flowent's actions into actions/
`;

/** Why a `.yml` or `.json` file in the project is not read, or null for a `.yaml`. */
export function misnamedProblem(file: string): ProjectProblem | null {
  if (file.endsWith('.yaml')) return null;
  // JSON is YAML: a JSON file needs only the new name.
  const keep = file.endsWith('.json') ? ' (its JSON can stay as it is: YAML reads JSON)' : '';
  return {
    file,
    line: null,
    column: null,
    message: `name it ${nameOfFile(file)}.yaml: the companion reads files named <name>.yaml${keep}`,
  };
}
