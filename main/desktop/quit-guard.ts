import type { MessageBoxSyncOptions } from 'electron';
import type { CompanionApi } from '../contract/api';

/** Work that quitting would cut short: HAR imports reading a file, bulk replays sending calls. */
export interface WorkInProgress {
  harImports: number;
  bulkReplays: number;
}

/** The index of Quit in the box's buttons: what showMessageBoxSync returns for it. */
export const QUIT_ANYWAY_BUTTON = 0;

/**
 * Asked when the app would quit while an import or a bulk replay runs, as unsaved edits are:
 * quitting closes the history under them. Keep Running is the default, so an Enter pressed in
 * passing stops nothing. Null when nothing runs.
 */
export function quitDuringWorkBox(work: WorkInProgress): MessageBoxSyncOptions | null {
  const running = [work.harImports > 0 ? 'a HAR import' : null, work.bulkReplays > 0 ? 'a bulk replay' : null].filter(
    (what): what is string => what !== null,
  );
  if (running.length === 0) return null;
  const detail = [
    work.harImports > 0
      ? 'The import stops part-way. Import the file again later: the calls it already brought in are skipped as duplicates.'
      : null,
    work.bulkReplays > 0 ? 'The replays not yet sent are not sent, and the run’s summary is lost.' : null,
  ].filter((line): line is string => line !== null);
  return {
    type: 'warning',
    title: 'Work in progress',
    message: `Quit while ${running.join(' and ')} ${running.length > 1 ? 'are' : 'is'} running?`,
    detail: detail.join('\n'),
    buttons: ['Quit', 'Keep Running'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

/**
 * The API with its HAR imports counted while they run, so the quit path can ask about them: the
 * core tells an import's stages as events, but not one that ended by failing.
 */
export function countHarImports(api: CompanionApi): { api: CompanionApi; running(): number } {
  let running = 0;
  return {
    api: {
      ...api,
      async importHar(text) {
        running += 1;
        try {
          return await api.importHar(text);
        } finally {
          running -= 1;
        }
      },
    },
    running: () => running,
  };
}

/**
 * True when nothing runs that quitting would cut short, or the person chose Quit in `ask`'s box.
 * A failure to learn what runs counts as nothing running: it must not keep the app from quitting.
 */
export async function mayQuitDuringWork(input: {
  work(): Promise<WorkInProgress>;
  ask(box: MessageBoxSyncOptions): number;
  log?: (message: string, error: unknown) => void;
}): Promise<boolean> {
  let work: WorkInProgress;
  try {
    work = await input.work();
  } catch (error) {
    (input.log ?? console.error)('Could not tell whether an import or a bulk replay runs; quitting:', error);
    return true;
  }
  const box = quitDuringWorkBox(work);
  return box === null || input.ask(box) === QUIT_ANYWAY_BUTTON;
}
