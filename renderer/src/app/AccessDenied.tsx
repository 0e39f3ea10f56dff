import {
  accessDeniedHeading,
  accessDeniedParts,
  companionCommand,
  dataDirForCommands,
  findInspectorAddressParts,
  SAME_DATA_DIR_NOTE,
  startAgainForAddressParts,
  WHAT_TO_DO,
} from '../../../main/contract/words';
import { useMetaStore } from '../page/stores';
import { CodeParts } from '../shared/CodeParts';

/**
 * The page's access token was refused (wrong, or another data folder's) or replaced: one
 * screen that says so and what to do, instead of every request failing on its own.
 */
export function AccessDenied({ rotated = false }: { rotated?: boolean }) {
  // The companion's status, when the page read it before its token was refused: commands then
  // name its data folder when it is not the default one, as printed they must reach that companion.
  const status = useMetaStore((s) => s.status);
  const command = (args: string) => companionCommand(args, dataDirForCommands(status));
  const rotateCommand = command('inspector rotate-token');
  return (
    <main className="no-bridge" aria-labelledby="access-denied-title">
      <h1 id="access-denied-title">{accessDeniedHeading(rotated)}</h1>
      <p>
        <CodeParts parts={accessDeniedParts(rotated, rotateCommand)} />
      </p>
      <h2>{WHAT_TO_DO}</h2>
      <ol>
        <li>
          <CodeParts parts={findInspectorAddressParts(rotated, rotateCommand)} />
        </li>
        <li>
          <CodeParts parts={startAgainForAddressParts(command('serve'))} />
        </li>
      </ol>
      {status === null && (
        <p data-testid="data-dir-note">
          <CodeParts parts={SAME_DATA_DIR_NOTE} />
        </p>
      )}
      <button type="button" onClick={() => location.reload()}>
        Try again
      </button>
    </main>
  );
}
