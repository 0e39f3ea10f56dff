import { useState } from 'react';
import { PROJECT_PART_NAMES, projectFilesTroubleWords } from '../../../main/contract/words';
import { PAGE_VOCABULARY } from '../page/page-words';
import { openPanel } from '../page/ui-actions';
import { Prose } from '../shared/Prose';
import { useProjectTrouble } from './project-store';

/**
 * Says on the main screen, while it lasts, that the project folder is gone, a file of it has a
 * mistake, or a file set to forward has no target: calls go on being answered by the last good
 * version (or fail, 502), and a developer editing the file would see no effect and no reason. Dismissed, it stays away until the trouble changes (a
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
            <strong>Project:</strong> <Prose text={projectFilesTroubleWords(trouble, PAGE_VOCABULARY)} />
          </>
        )}
      </span>
      <span>
        <button type="button" className="banner-action" onClick={() => openPanel('project')}>
          Open Project
        </button>
        <button type="button" aria-label={PROJECT_PART_NAMES.dismissProblem} onClick={() => setDismissed(key)}>
          ×
        </button>
      </span>
    </div>
  );
}
