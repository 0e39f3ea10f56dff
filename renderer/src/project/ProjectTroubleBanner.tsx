import { useState } from 'react';
import { openPanel } from '../page/ui-actions';
import { Prose } from '../shared/Prose';
import { mistakesInWords, useProjectTrouble } from './project-trouble';

/**
 * Says on the main screen, while it lasts, that the project folder is gone or a file of it has
 * a mistake: calls go on being answered by the last good version, and a developer editing the
 * file would see no effect and no reason. Dismissed, it stays away until the trouble changes (a
 * new mistake); the header's Project entry stays marked meanwhile.
 */
export function ProjectTroubleBanner() {
  const trouble = useProjectTrouble();
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!trouble) return null;
  const key = JSON.stringify(trouble);
  if (key === dismissed) return null;
  return (
    <div className="banner banner-warn" role="status" aria-label="Project problem">
      <span>
        {trouble.kind === 'folder-gone' ? (
          // The core's words, as the Project dialog says them beside the folder.
          <>
            <code>{trouble.dir}</code>: <Prose text={trouble.problem.message} />
          </>
        ) : (
          <>
            <strong>Project:</strong> <Prose text={mistakesInWords(trouble.mistakes, trouble.stale)} />
          </>
        )}
      </span>
      <span>
        <button type="button" className="banner-action" onClick={() => openPanel('project')}>
          Open Project
        </button>
        <button type="button" aria-label="Dismiss project problem" onClick={() => setDismissed(key)}>
          ×
        </button>
      </span>
    </div>
  );
}
