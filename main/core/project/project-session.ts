import type { ProjectMissing, Result } from '../../contract/api';
import type { ProjectEvent, ProjectProblem, ProjectState } from '../../contract/project';
import type { Account } from '../account/account';
import type { SettingsScope } from '../store/settings-repository';
import { ProjectActions, type HereBase } from './project-actions';
import { ProjectAnswers } from './project-answers';
import { ProjectActionFiles } from './project-action-files';
import { KeptTargetPasswords } from './kept-target-passwords';
import { checkProjectDir, findProjectDir } from './project-folder';
import { ProjectNews } from './project-news';

export interface ProjectSessionDeps {
  account: Account;
  settings: () => SettingsScope;
  hereBase: (projectDir: string) => HereBase;
  /** `serve --forward`'s target: it answers a file set to forward with no target of its own, so no such file is a problem. */
  startupForwardTarget: string | null;
  emit: (event: ProjectEvent | { type: 'answers-changed' }) => void;
  onError: (error: unknown) => void;
}

/**
 * The project folder the core works with, if any: its answers (which replace the history
 * folder's while it is open) and its actions. The desktop app opens another one at run time.
 */
export class ProjectSession {
  private dir: string | null = null;
  private answerFiles: ProjectAnswers | null = null;
  private actionFiles: ProjectActions | null = null;
  /** The action files the answers are checked against: kept in their last version while the folder is gone, as the answers are. */
  private actionsRead: ProjectActionFiles | null = null;
  private watching = false;
  /** Tells the page (and serve's lines) what changed, a save that briefly removes a file told as the change it is. */
  private readonly news = new ProjectNews(
    () => this.state(),
    (project) => {
      this.deps.emit({ type: 'answers-changed' });
      this.deps.emit({ type: 'project-changed', project });
    },
  );

  constructor(private readonly deps: ProjectSessionDeps) {}

  /** Opens `dir` (the folder holding `flowent/`, or `flowent/` itself), or closes the project with null. */
  open(dir: string | null): Result<ProjectState, ProjectMissing> {
    const found = dir === null ? null : findProjectDir(dir, process.cwd());
    if (found !== null) {
      const missing = checkProjectDir(found);
      if (missing) return missing;
    }
    this.answerFiles?.close();
    this.dir = found;
    this.answerFiles = found
      ? new ProjectAnswers(found, () => this.news.changed(), undefined, new KeptTargetPasswords(this.deps.settings))
      : null;
    this.actionFiles = found
      ? new ProjectActions({
          dir: found,
          account: this.deps.account,
          settings: this.deps.settings,
          hereBase: this.deps.hereBase,
          folderRemoved: () => this.answerFiles?.folderRemoved() ?? false,
        })
      : null;
    this.actionsRead = found ? new ProjectActionFiles(found) : null;
    if (this.watching) this.answerFiles?.watch(this.deps.onError);
    this.news.tellNow(this.state());
    return { ok: true, value: this.state() };
  }

  /** Reports saved changes as they happen (while the server runs). */
  watch(): void {
    this.watching = true;
    this.answerFiles?.watch(this.deps.onError);
  }

  close(): void {
    this.watching = false;
    this.answerFiles?.close();
    this.news.close();
  }

  state(): ProjectState {
    return {
      dir: this.dir,
      problems: this.problems(),
      stale: this.dir ? (this.answerFiles?.staleFiles() ?? []) : [],
      answers: this.dir ? (this.answerFiles?.filesInUse() ?? []) : [],
      actions: this.dir ? (this.actionsRead?.inUse().map(({ action }) => action.file) ?? []) : [],
      versions: this.dir ? { ...this.answerFiles?.fileVersions(), ...this.actionsRead?.versions() } : {},
      contractWarnings: this.dir ? (this.answerFiles?.contractWarnings() ?? []) : [],
    };
  }

  problems(): ProjectProblem[] {
    if (!this.dir) return [];
    const answers = this.answerFiles;
    const warnings = this.deps.startupForwardTarget === null ? (answers?.currentWarnings() ?? []) : [];
    return [...(this.actionsRead?.problems() ?? []), ...(answers?.currentProblems() ?? []), ...warnings];
  }

  /** The JSON Schema `actions/<action>.yaml` gives, when a project is open and the file is good. */
  schemaFor(action: string): { path: string; schema: Record<string, unknown>; modifiedAt: number } | null {
    const found = this.actionsRead?.inUse().find((file) => file.action.name === action);
    return found ? { path: found.action.file, schema: found.action.json_schema, modifiedAt: found.modifiedAt } : null;
  }

  /** The actions whose `actions/<action>.yaml` is good, with their JSON Schemas; none when no project is open. */
  actionSchemas(): { action: string; path: string; schema: Record<string, unknown> }[] {
    return (this.actionsRead?.inUse() ?? []).map(({ action }) => ({ action: action.name, path: action.file, schema: action.json_schema }));
  }

  /** The project's answer files, or null when answers live in the history folder. */
  get answers(): ProjectAnswers | null {
    return this.answerFiles;
  }

  get actions(): ProjectActions | null {
    return this.actionFiles;
  }
}
