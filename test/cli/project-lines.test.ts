import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswerSettings, CoreEvent, ProjectProblem, ProjectState, StoredMock } from '../../main/contract/api';
import { projectProblemLines } from '../../main/cli/project-lines';
import { BUILT_IN_ANSWER_TEXT } from '../../main/contract/answers';
import { makeTempDir } from '../helpers/temp-dir';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups } = cleanupsPerTest();

/** A project folder with these answer files on disk, and the state the core would report for it. */
function project(files: string[]) {
  const root = makeTempDir('fc-lines-');
  cleanups.push(root.remove);
  const dir = join(root.path, 'flowent');
  mkdirSync(join(dir, 'answers'), { recursive: true });
  const state = (answers: string[], problems: ProjectProblem[] = []): ProjectState => {
    for (const file of answers) writeFileSync(join(dir, file), 'version: 1\n');
    return { dir, problems, stale: [], answers, actions: [], versions: {}, contractWarnings: [] };
  };
  return { state, start: state(files) };
}

/** Answers as the files read with each event give them: a mock for make_note, _default.yaml forwarding when `forward` is given. */
function settingsWith(forward: string | null = null): AnswerSettings {
  const mock: StoredMock = { action: 'make_note', definition: {} as StoredMock['definition'], text: '', format: 'yaml', updatedAt: 0 };
  return {
    mocks: [mock],
    routes: forward === null ? [] : [{ action: null, mode: 'forward', target: forward, updatedAt: 0 }],
    startupForwardTarget: null,
    forwardTimeoutMs: 10_000,
    fallbackToMock: false,
  };
}

/** serve's lines over events read with `settings()`, as serve reads the answers with each event. */
function linesOf(forwardTarget?: string, settings: () => AnswerSettings = () => settingsWith()) {
  const lines = projectProblemLines(forwardTarget);
  return (event: CoreEvent | { type: 'start'; project: ProjectState }) => lines(event, settings());
}

const NO_TARGET: ProjectProblem = {
  file: 'answers/noforward.yaml',
  line: 2,
  column: 1,
  message: 'mode is forward, but no forward: target is set here nor in _default.yaml: calls to noforward fail (502) until one is set',
  warning: 'forward-without-target',
};

const FOLDER_REMOVED: ProjectProblem = {
  file: '.',
  line: null,
  column: null,
  message: 'the project folder was removed',
  warning: 'folder-removed',
};

describe("serve's Project: lines", () => {
  // Under load the core can tell answers/ gone in two events: its files still listed, then not. The
  // second said each file removed, after the folder's line had said it for all of them.
  it('say answers/ removed once, however many events the core tells it in', () => {
    const { state, start } = project(['answers/_default.yaml', 'answers/send_email.yaml']);
    const lines = linesOf();
    lines({ type: 'start', project: start });
    rmSync(join(start.dir!, 'answers'), { recursive: true });
    const said = [
      ...lines({ type: 'project-changed', project: { ...start } }),
      ...lines({ type: 'project-changed', project: { ...start, answers: [] } }),
    ];
    expect(said).toEqual([`Project: answers/ was removed: every action gets the built-in answer now, ${BUILT_IN_ANSWER_TEXT}.`]);

    mkdirSync(join(start.dir!, 'answers'));
    expect(lines({ type: 'project-changed', project: state(['answers/_default.yaml']) })).toEqual([
      'Project: answers/ is back; its files answer again: answers/_default.yaml.',
    ]);
  });

  it('name the action files whose last version keeps checking parameters when the folder is removed', () => {
    const { state, start } = project(['answers/_default.yaml']);
    const lines = linesOf();
    const actions = ['actions/lookup_order.yaml', 'actions/send_email.yaml'];
    lines({ type: 'start', project: { ...start, actions } });
    expect(lines({ type: 'project-changed', project: { ...state(['answers/_default.yaml'], [FOLDER_REMOVED]), actions } })).toEqual([
      `Project: ${start.dir} was removed: its last version keeps answering: answers/_default.yaml; ` +
        'its action files keep checking parameters: actions/lookup_order.yaml, actions/send_email.yaml; ' +
        'it is read again when it is back (restart serve to stop using it).',
    ]);
  });

  it('name the action files that check parameters again when the folder is back', () => {
    const { state, start } = project(['answers/_default.yaml']);
    const lines = linesOf();
    lines({ type: 'start', project: { ...start, actions: ['actions/send_email.yaml'] } });
    lines({
      type: 'project-changed',
      project: { ...state(['answers/_default.yaml'], [FOLDER_REMOVED]), actions: ['actions/send_email.yaml'] },
    });
    const actions = ['actions/lookup_order.yaml', 'actions/send_email.yaml'];
    expect(lines({ type: 'project-changed', project: { ...state(['answers/_default.yaml']), actions } })).toEqual([
      `Project: ${start.dir} is back; its files answer again: answers/_default.yaml; ` +
        'its action files check parameters again: actions/lookup_order.yaml, actions/send_email.yaml.',
    ]);
  });

  it('say a new answer file in use, in one line, as its removal is said', () => {
    const { state, start } = project(['answers/_default.yaml']);
    const lines = linesOf();
    expect(lines({ type: 'start', project: start })).toEqual([]);
    expect(lines({ type: 'project-changed', project: state(['answers/_default.yaml', 'answers/make_note.yaml']) })).toEqual([
      'Project: answers/make_note.yaml was added and is in use: make_note now answers with its mock.',
    ]);
    // Said once, not again at the next change.
    expect(lines({ type: 'project-changed', project: state(['answers/_default.yaml', 'answers/make_note.yaml']) })).toEqual([]);
  });

  // serve --forward gives such a file a target: the core then reports no problem (test/core/project/project-session.test.ts).
  it('say a file set to forward without a target is in use but cannot answer, at its mode: line, and how to give it one', () => {
    const { state, start } = project(['answers/_default.yaml']);
    const lines = linesOf();
    lines({ type: 'start', project: start });
    const added = state(['answers/_default.yaml', 'answers/noforward.yaml'], [NO_TARGET]);
    expect(lines({ type: 'project-changed', project: added })).toEqual([
      'Project: answers/noforward.yaml is in use, but cannot answer as it says:',
      `  answers/noforward.yaml:2:1: ${NO_TARGET.message}: run "flowent-companion targets set noforward <url>" in the folder that holds flowent/, ` +
        'or add "forward: <url>" to answers/noforward.yaml',
    ]);
    expect(lines({ type: 'project-changed', project: state(['answers/_default.yaml', 'answers/noforward.yaml']) })).toEqual([
      'Project: answers/noforward.yaml is fixed and in use.',
    ]);
  });

  it('send a default set to forward without a target to targets set --default', () => {
    const { start } = project(['answers/_default.yaml']);
    const noDefaultTarget = { ...NO_TARGET, file: 'answers/_default.yaml', message: 'calls to every action it answers fail' };
    expect(linesOf()({ type: 'start', project: { ...start, problems: [noDefaultTarget] } })).toEqual([
      'Project: answers/_default.yaml is in use, but cannot answer as it says:',
      '  answers/_default.yaml:2:1: calls to every action it answers fail: run "flowent-companion targets set --default <url>" ' +
        'in the folder that holds flowent/, ' +
        'or add "forward: <url>" to answers/_default.yaml',
    ]);
  });

  it('say what a changed answer file does now, as the Answers: lines at the start say it', () => {
    const { state, start } = project(['answers/_default.yaml']);
    let forward: string | null = null;
    const lines = linesOf(undefined, () => settingsWith(forward));
    lines({ type: 'start', project: { ...start, versions: { 'answers/_default.yaml': 'v1' } } });
    forward = 'http://user:pw@localhost:8000/actions/{action_name}';
    expect(
      lines({ type: 'project-changed', project: { ...state(['answers/_default.yaml']), versions: { 'answers/_default.yaml': 'v2' } } }),
    ).toEqual([
      'Project: answers/_default.yaml was changed: every action without a file of its own now forwards to http://user:***@localhost:8000/actions/{action_name}.',
    ]);
    forward = null;
    expect(
      lines({ type: 'project-changed', project: { ...state(['answers/_default.yaml']), versions: { 'answers/_default.yaml': 'v3' } } }),
    ).toEqual([
      `Project: answers/_default.yaml was changed: every action without a file of its own now gets the built-in answer, ${BUILT_IN_ANSWER_TEXT}.`,
    ]);
  });

  it("say what a removed answer file's action does now, when _default.yaml answers it, as a changed file's line says it", () => {
    const { state, start } = project(['answers/_default.yaml', 'answers/lookup.yaml', 'answers/notify.yaml']);
    let forward: string | null = 'http://user:pw@localhost:8000/actions/{action_name}';
    const lines = linesOf(undefined, () => settingsWith(forward));
    lines({ type: 'start', project: start });
    expect(lines({ type: 'project-changed', project: state(['answers/_default.yaml', 'answers/notify.yaml']) })).toEqual([
      'Project: answers/lookup.yaml was removed: lookup now forwards to http://user:***@localhost:8000/actions/{action_name}.',
    ]);
    forward = null;
    expect(lines({ type: 'project-changed', project: state(['answers/_default.yaml']) })).toEqual([
      `Project: answers/notify.yaml was removed: notify now gets the built-in answer, ${BUILT_IN_ANSWER_TEXT}.`,
    ]);
  });
});
