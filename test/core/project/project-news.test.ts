import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProjectState } from '../../../main/contract/api';
import { ProjectNews, REMOVAL_GRACE_MS } from '../../../main/core/project/project-news';

const state = (answers: string[], folderGone = false): ProjectState => ({
  dir: '/p/flowent',
  problems: folderGone ? [{ file: '.', line: null, column: null, message: 'gone', warning: 'folder-removed' }] : [],
  stale: [],
  answers,
  actions: [],
  versions: {},
  contractWarnings: [],
});

afterEach(() => {
  vi.useRealTimers();
});

/** The news of a project whose state the test sets, with every state told. */
function newsOf(first: ProjectState) {
  let now = first;
  const told: ProjectState[] = [];
  const news = new ProjectNews(
    () => now,
    (project) => told.push(project),
  );
  news.tellNow(first);
  return { told, set: (next: ProjectState) => (now = next), news };
}

describe('the project news', () => {
  it('holds a change that only removes files for the grace, then tells the project as it is then', () => {
    vi.useFakeTimers();
    const { told, set, news } = newsOf(state(['answers/a.yaml', 'answers/b.yaml']));
    set(state(['answers/a.yaml']));
    news.changed();
    expect(told).toHaveLength(1);
    vi.advanceTimersByTime(REMOVAL_GRACE_MS);
    expect(told.map((project) => project.answers)).toEqual([['answers/a.yaml', 'answers/b.yaml'], ['answers/a.yaml']]);
  });

  it('tells at once the file back within the grace (a save by moving it away), and nothing when the grace ends', () => {
    vi.useFakeTimers();
    const { told, set, news } = newsOf(state(['answers/a.yaml']));
    set(state([]));
    news.changed();
    set(state(['answers/a.yaml']));
    news.changed();
    expect(told).toHaveLength(2);
    vi.advanceTimersByTime(REMOVAL_GRACE_MS);
    expect(told).toHaveLength(2);
  });

  it('tells the folder back at once, though its coming back takes its problem away', () => {
    const { told, set, news } = newsOf(state(['answers/a.yaml'], true));
    set(state(['answers/a.yaml']));
    news.changed();
    expect(told.map((project) => project.problems.length)).toEqual([1, 0]);
  });

  it('holds the folder back without its files (made first, written after) until they come, and tells it once', () => {
    vi.useFakeTimers();
    const { told, set, news } = newsOf(state(['answers/a.yaml', 'answers/b.yaml'], true));
    set(state([]));
    news.changed();
    set(state(['answers/a.yaml']));
    news.changed();
    expect(told).toHaveLength(1);
    vi.advanceTimersByTime(REMOVAL_GRACE_MS);
    expect(told.map((project) => [project.problems.length, project.answers])).toEqual([
      [1, ['answers/a.yaml', 'answers/b.yaml']],
      [0, ['answers/a.yaml']],
    ]);
  });
});
