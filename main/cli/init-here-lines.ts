import { hereCandidates, redactUrlCredentials, type LinkedAction } from '../contract/api';
import { servesSeen } from '../contract/words';
import { isUnder, runningServes, samePath, serveSeen } from '../core';
import { fileSaysHere } from './action-file-here';

/**
 * What `init` says of the action files it wrote with `webhook_url: here`: Flowent's action is
 * linked to this companion, but to a serve answering from another project's files (or the
 * history folder's), not from the project just made. `here` in it means the serve answering from
 * it, so plan refuses until one runs there, and apply re-points the action to it.
 */
export function initHereLines(
  dataDir: string,
  projectDir: string,
  written: readonly string[],
  links: readonly LinkedAction[],
  profile: string,
): string[] {
  const serves = runningServes(dataDir);
  const lines: string[] = [];
  for (const file of written) {
    const action = /^actions\/(.+)\.yaml$/.exec(file)?.[1];
    const link = links.find((known) => known.profile === profile && known.action === action);
    if (action === undefined || link === undefined || !fileSaysHere(projectDir, action, profile)) continue;
    const serving = serves.find((serve) => hereCandidates(serve).some((candidate) => isUnder(link.webhookUrl, candidate.base)));
    // A serve already answering from the new project's files is what here means: nothing to say.
    if (serving?.projectDir && samePath(serving.projectDir, projectDir)) continue;
    const where = serving ? servesSeen([serveSeen(serving)]) : 'no serve runs at that URL now';
    lines.push(
      `${file} says webhook_url: here, as Flowent's ${action} is linked to this companion at ${redactUrlCredentials(link.webhookUrl)} (${where}).`,
    );
  }
  if (lines.length > 0)
    lines.push(
      '  here means the serve answering from this project: "actions plan" and "apply" need one running here, and apply',
      '  re-points the actions above to it. To leave one where it is, write its URL in place of here.',
    );
  return lines;
}
