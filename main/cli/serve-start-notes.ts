import type { LinkedAction } from '../contract/api';
import type { ProjectServe, ServeState } from '../core';
import { linkNamed, serveNamed, staleLinksWords } from '../contract/words';
import { otherProjectServes, runningServes, samePath } from '../core';
import { fileSaysHere } from './action-file-here';

/**
 * Said when `serve` starts on a project another running companion (on the same data folder)
 * already answers from: both answer, but `here` and the commands that go through the serve
 * answering from the project refuse while both run, which one is meant not being guessed.
 */
export function sharedProjectLines(dataDir: string, projectDir: string | null): string[] {
  if (projectDir === null) return [];
  const others = runningServes(dataDir).filter(
    (serve) => serve.pid !== process.pid && serve.projectDir !== null && samePath(serve.projectDir, projectDir),
  );
  const elsewhere = otherProjectServes(projectDir).filter(
    (serve) => !samePath(serve.dataDir, dataDir) && !others.some((other) => other.pid === serve.pid),
  );
  return [...sameFolderLines(others), ...otherFolderLines(elsewhere)];
}

function sameFolderLines(others: readonly ServeState[]): string[] {
  if (others.length === 0) return [];
  const named = others.map((serve) => serveNamed({ mode: serve.mode, baseUrl: serve.webhookBaseUrl })).join(' and ');
  return [
    `  Also here:    ${named} already answers from this project's files. While both run, "webhook_url: here"`,
    '                (actions plan, apply) and send or replay without --target refuse, not guessing which one is',
    '                meant: stop one of them.',
  ];
}

/**
 * Serves (or the desktop app) on other data folders answering from the same files: nothing refuses (each data folder's
 * "here" is its own serve), but both answer, and a change made through one is the other's too.
 */
function otherFolderLines(elsewhere: readonly ProjectServe[]): string[] {
  return elsewhere.map(
    (serve) =>
      `  Also here:    ${serveNamed({ mode: serve.mode, baseUrl: serve.webhookBaseUrl })} (data folder ${serve.dataDir}) answers from this project's files too: ` +
      'both answer, and each keeps its calls in its own history; stop one of them unless both are meant.',
  );
}

/**
 * One line per linked action whose webhook_url no longer reaches this companion (a restart on
 * another port, say), in the words of the page's banner, with the command that re-points it:
 * `actions apply` when the project's file for it says `webhook_url: here`, else `actions update --here`.
 */
export function staleLinkLines(stale: readonly LinkedAction[], projectDir: string | null, activeProfile: string): string[] {
  return stale.map((link) => {
    const profile = link.profile === activeProfile ? '' : ` --profile ${link.profile}`;
    const command =
      projectDir !== null && fileSaysHere(projectDir, link.action, link.profile)
        ? `run "flowent-companion actions apply${profile}" (its file says webhook_url: here)`
        : `run "flowent-companion actions update ${link.action} --here${profile}"`;
    return `Flowent: ${staleLinksWords([{ name: linkNamed(link), webhookUrl: link.webhookUrl }], () => command)}`;
  });
}
