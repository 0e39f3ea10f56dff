import { accessSync, constants, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileErrorCode } from '../../contract/words';
import type {
  AnswerContractWarning,
  AnswerFileMistake,
  AnswerMode,
  AnswerRoute,
  AnswersWriteRefusal,
  DefinitionError,
  MockDefinition,
  ProjectProblem,
  StoredMock,
} from '../../contract/api';
import type { AnswerStore, MockSource } from '../store/answer-store';
import { loadLazily } from '../load-lazily';
import { ANSWER_FILE_FIELDS, newAnswerFile } from './answer-file';
import type { AnswerFolderRead, AnswerEntry } from './answer-folder-read';
import { ANSWERS_FOLDER, DEFAULT_ANSWERS_FILE, writeFileAtomically } from './project-folder';
import { PROJECT_FORMAT_VERSION } from './project-schemas';
import { mergeIntoDocument, textWithout, type YamlFile } from './yaml-file';
import { keepsItsText, withPartText } from './part-text';
import { yamlPosition } from '../yaml/yaml-text';
import { mockShortForm } from '../answers/mock-short-form';
import type { KeptTargetPasswords } from './kept-target-passwords';
import { WatchedAnswerFolder } from './watched-answer-folder';

const loadYaml = loadLazily<typeof import('yaml')>('yaml');

/** A mock as an answer file holds it: the file's name in its folder, and its contract warnings placed in that file. */
export interface MockOfFile extends StoredMock {
  file: string;
  warnings: DefinitionError[];
}

/** The problem said while the project folder is gone (its last version answering). */
export const FOLDER_REMOVED_MESSAGE =
  'the project folder was removed (a branch switch?): its last version keeps answering, and it is read again when it is back; ' +
  'to stop using it, restart serve (or open another project folder in the app)';

/**
 * Answers from `flowent/answers/`: one file per action, `_default.yaml` for the rest. A saved
 * file applies at the next call (see WatchedAnswerFolder, which keeps the files' read in step);
 * a file with a mistake is reported and the last good version of it keeps answering. Changes
 * made in the app are written back into the files, keeping their comments and key order.
 */
export class ProjectAnswers implements AnswerStore {
  /** The files as last read; `entries` and `problems` are its maps, read here by file. */
  private readonly read: AnswerFolderRead;
  private readonly entries: Map<string, AnswerEntry>;
  private readonly problems: Map<string, ProjectProblem[]>;
  /** Keeps `read` in step with the disk, and tells of its changes. */
  private readonly files: WatchedAnswerFolder;

  /**
   * `dir` is the project folder; `folder` the answers' folder in it (another for `mocks
   * export`/`import`); `passwords`, where a target's password written as `***` is kept (none:
   * targets are written and read as given).
   */
  constructor(
    private readonly dir: string,
    onChanged: () => void,
    private readonly folder: string = ANSWERS_FOLDER,
    private readonly passwords: KeptTargetPasswords | null = null,
  ) {
    this.files = new WatchedAnswerFolder(dir, folder, onChanged);
    this.read = this.files.read;
    this.entries = this.read.entries;
    this.problems = this.read.problems;
  }

  /** The project folder was there when read before, and is gone now: its last version answers. */
  private get folderGone(): boolean {
    return this.read.folderGone;
  }

  /** Reports saved changes as they happen (see WatchedAnswerFolder.watch). */
  watch(onError: (error: unknown) => void): void {
    this.files.watch(onError);
  }

  close(): void {
    this.files.close();
  }

  /** The answer files' mistakes, file by file. */
  currentProblems(): ProjectProblem[] {
    this.files.check();
    const gone: ProjectProblem[] = this.folderGone
      ? [{ file: '.', line: null, column: null, message: FOLDER_REMOVED_MESSAGE, warning: 'folder-removed' }]
      : [];
    return [...gone, ...[...this.problems.values()].flat()];
  }

  /**
   * The files in use that cannot answer as they say: `mode: forward` with no target in them nor in
   * `_default.yaml`, each at its `mode:`. Such a file is not refused (it may wait for
   * `_default.yaml`'s target, or `serve --forward`'s), but its calls fail until one is set.
   */
  currentWarnings(): ProjectProblem[] {
    this.files.check();
    const fallback = this.entries.get(this.fileOf(null))?.answers ?? null;
    return this.sorted().flatMap(({ action, answers }) => {
      const file = this.fileOf(action);
      if (answers.mode !== 'forward' || answers.forward !== null || this.problems.has(file)) return [];
      if (action !== null && (fallback?.forward ?? null) !== null) return [];
      const place = yamlPosition(answers.yaml, 'mode') ?? { line: null, column: null };
      const [notSet, who] = action === null ? ['here', 'every action it answers'] : [`here nor in ${DEFAULT_ANSWERS_FILE}`, action];
      // What happens only: where a target is set is each front end's to say (the words' forwardWithoutTargetWords).
      const message = `mode is forward, but no forward: target is set ${notSet}: calls to ${who} fail (502) until one is set`;
      return [{ file, ...place, message, warning: 'forward-without-target' as const }];
    });
  }

  /** The files with a mistake that were good when read before: that version keeps answering. */
  staleFiles(): string[] {
    this.files.check();
    if (this.folderGone) return [...this.entries.keys()].sort();
    return [...this.problems.keys()].filter((file) => this.entries.has(file));
  }

  /** The files that answer now, good or in their last good version. */
  filesInUse(): string[] {
    this.files.check();
    return [...this.entries.keys()].sort();
  }

  /** What the mocks of the files in use break of Flowent's contract, each at its value in its file. */
  contractWarnings(): AnswerContractWarning[] {
    return this.sorted().flatMap(({ action, answers }) =>
      answers.warnings.map(({ path, message, line, column }) => ({
        file: this.fileOf(action),
        line: line ?? null,
        column: column ?? null,
        path,
        message,
      })),
    );
  }

  /** Each file's version (textVersion) as last read, by file; none for a file that could not be read. */
  fileVersions(): Record<string, string> {
    this.files.check();
    return this.read.fileVersions();
  }

  changeStamp(): number {
    return this.files.changeStamp();
  }

  getMockRow(action: string | null): { definition: string; updatedAt: number } | null {
    const entry = this.entry(action);
    return entry?.mockText ? { definition: entry.mockText, updatedAt: entry.updatedAt } : null;
  }

  getRoute(action: string | null): AnswerRoute | null {
    const entry = this.entry(action);
    if (!entry || (entry.answers.mode === null && entry.answers.forward === null)) return null;
    const written = entry.answers.forward;
    const target = written === null || !this.passwords ? written : this.passwords.whole(written);
    return { action, mode: entry.answers.mode, target, updatedAt: entry.updatedAt };
  }

  /**
   * The target goes in the file that sets the action to forward or already names its target (its
   * own, or `_default.yaml`): the files decide, not `targets set`.
   */
  targetAdvice(action: string): string {
    const answers = this.entry(action)?.answers;
    const own = answers?.mode === 'forward' || (answers?.forward ?? null) !== null;
    return `add "forward: <url>" to ${basename(this.dir)}/${this.fileOf(own ? action : null)}`;
  }

  listMocks(): StoredMock[] {
    return this.mocksOfFiles().map(({ file: _file, warnings: _warnings, ...mock }) => mock);
  }

  /** The mocks with the file each is read from, and what each breaks of Flowent's contract, at its line in that file. */
  mocksOfFiles(): MockOfFile[] {
    return this.sorted()
      .filter((entry) => entry.answers.mock !== null)
      .map((entry) => ({
        file: basename(this.fileOf(entry.action)),
        warnings: entry.answers.warnings,
        action: entry.action,
        definition: entry.answers.mock as MockDefinition,
        // The file's own text (comments and shorthand kept), but for the fields that are not the mock:
        // what `mocks get` prints and the page's editor shows, and saving it back changes only what was edited.
        text: textWithout(entry.answers.yaml, ANSWER_FILE_FIELDS),
        format: 'yaml' as const,
        updatedAt: entry.updatedAt,
      }));
  }

  listRoutes(): AnswerRoute[] {
    return this.sorted().flatMap((entry) => this.getRoute(entry.action) ?? []);
  }

  mistakeDeciding(action: string): AnswerFileMistake | null {
    this.files.check();
    const own = this.fileOf(action);
    if (this.unread(own)) return this.mistakeOf(own);
    // Its own file decides alone when it says mock, or forward with a target.
    const route = this.getRoute(action);
    if (route?.mode === 'mock' || (route?.mode === 'forward' && route.target !== null)) return null;
    const fallback = this.fileOf(null);
    return this.unread(fallback) ? this.mistakeOf(fallback) : null;
  }

  /** A file with a mistake and no good version read before: nothing of it answers. */
  private unread(file: string): boolean {
    return this.problems.has(file) && !this.entries.has(file);
  }

  private mistakeOf(file: string): AnswerFileMistake {
    const problems = this.problems.get(file);
    return { file, problem: problems?.[0]?.message ?? '', line: problems?.[0]?.line ?? null };
  }

  /** The project folder was there and is gone now (read again first): its last version answers, and nothing is written. */
  folderRemoved(): boolean {
    this.files.check(true);
    return this.folderGone;
  }

  writeRefusal(action: string | null | 'all'): AnswersWriteRefusal | null {
    // There is nowhere to write, and making the folder again would make a project of one file.
    if (this.folderRemoved()) return { code: 'project-folder-removed', folder: this.dir };
    if (action === 'all') return this.unwritable(this.folder);
    const file = this.fileOf(action);
    if (this.problems.has(file)) return { code: 'answer-file-invalid', ...this.mistakeOf(file) };
    return this.unwritable(file);
  }

  /**
   * Why this user may not write `file` (the folder, for all of them): asked before anything is
   * changed, so that a read-only checkout refuses as a mistake does, with nothing half done. A
   * file written anew is made in its folder and moved over the old one: the folder must be
   * writable, and a file made read-only on purpose is not replaced either.
   */
  private unwritable(file: string): AnswersWriteRefusal | null {
    const path = join(this.dir, file);
    const paths = file === this.folder ? [path] : [join(path, '..'), ...(existsSync(path) ? [path] : [])];
    for (const one of paths) {
      try {
        accessSync(one, constants.W_OK);
      } catch (error) {
        return { code: 'answer-file-unwritable', file, reason: fileErrorCode(error) ?? 'EACCES' };
      }
    }
    return null;
  }

  /**
   * The mock as the user wrote it (before defaults are filled in) goes into the file. YAML text, as
   * the editor shows the file's mock and `mocks get` prints it, is written as typed, comments and
   * layout included. JSON holds no comment to keep or drop: its values are merged into the file,
   * written as the YAML the file holds, so its comments and the lines of values that did not change stay.
   * A mock nobody wrote (exported, made from a call's answer) goes in in its short form, as a person writes one.
   */
  setMock(action: string | null, definition: MockDefinition, source: MockSource | null = null): StoredMock {
    if (source && keepsItsText(source.text, source.format))
      this.writeText(action, (file) => withPartText(file, source.text, ANSWER_FILE_FIELDS));
    else {
      const written: unknown = source ? loadYaml().parse(source.text) : mockShortForm(definition);
      const mock = typeof written === 'object' && written !== null && !Array.isArray(written) ? written : definition;
      this.write(action, (current) => ({ ...pick(current, ANSWER_FILE_FIELDS), ...mock }));
    }
    return (
      this.listMocks().find((stored) => stored.action === action) ?? {
        action,
        definition,
        text: source?.text ?? `${JSON.stringify(definition, null, 2)}\n`,
        format: source?.format ?? 'json',
        updatedAt: Date.now(),
      }
    );
  }

  clearMock(action: string | null): boolean {
    const had = (this.entry(action)?.answers.mock ?? null) !== null;
    if (had) this.write(action, (current) => pick(current, ANSWER_FILE_FIELDS));
    return had;
  }

  clearAllMocks(): number {
    return this.listMocks().filter((mock) => this.clearMock(mock.action)).length;
  }

  /** A target's password goes in the history folder, the file holding `***` in its place (the files are meant for git). */
  setRoute(action: string | null, change: { mode?: AnswerMode | null; target?: string | null }): AnswerRoute {
    const target = change.target && this.passwords ? this.passwords.keep(change.target) : change.target;
    const before = this.entry(action)?.answers.forward ?? null;
    this.write(action, (current) => {
      const next: Record<string, unknown> = { ...current };
      if (change.mode !== undefined) next.mode = change.mode;
      if (target !== undefined) next.forward = target;
      return withoutNulls(next);
    });
    this.forgetPasswordOf(before);
    return this.getRoute(action) ?? { action, mode: null, target: null, updatedAt: Date.now() };
  }

  clearRoute(action: string | null): boolean {
    const had = this.getRoute(action) !== null;
    const before = this.entry(action)?.answers.forward ?? null;
    if (had) this.write(action, (current) => withoutNulls({ ...current, mode: null, forward: null }));
    this.forgetPasswordOf(before);
    return had;
  }

  /**
   * After a target was cleared or replaced: forgets the password kept for the one it had, unless
   * an answer file still names that URL (another action's, or this one's again).
   */
  private forgetPasswordOf(written: string | null): void {
    if (written === null || !this.passwords) return;
    this.passwords.forget(
      written,
      this.sorted().some((entry) => entry.answers.forward === written),
    );
  }

  clearAllRoutes(): number {
    return this.listRoutes().filter((route) => this.clearRoute(route.action)).length;
  }

  private write(action: string | null, change: (current: Record<string, unknown>) => Record<string, unknown>): void {
    this.writeText(action, (file) => {
      const value = { version: PROJECT_FORMAT_VERSION, ...change(file.value as Record<string, unknown>) };
      return mergeIntoDocument(file, value);
    });
  }

  /** Writes the action's file as `change` makes it of the file read last (a new one: its `$schema` line and `version:`). */
  private writeText(action: string | null, change: (file: YamlFile) => string): void {
    this.files.check(true);
    const file = this.fileOf(action);
    writeFileAtomically(join(this.dir, file), change(this.entries.get(file)?.answers.yaml ?? newAnswerFile(file)));
    this.files.check(true);
  }

  private fileOf(action: string | null): string {
    return `${this.folder}/${action === null ? DEFAULT_ANSWERS_FILE : `${action}.yaml`}`;
  }

  private entry(action: string | null): AnswerEntry | undefined {
    this.files.check();
    return this.entries.get(this.fileOf(action));
  }

  private sorted(): AnswerEntry[] {
    this.files.check();
    return [...this.entries.values()].sort((a, b) => (a.action ?? '').localeCompare(b.action ?? ''));
  }
}

function pick(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => keys.includes(key)));
}

function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null && field !== undefined));
}
