import { NO_BRIDGE, OPEN_INSPECTOR_URL } from '../../../main/contract/words';
import { CodeParts } from '../shared/CodeParts';

/** Shown when the page has neither the desktop bridge nor a token in its URL. */
export function NoBridge() {
  return (
    <main className="no-bridge">
      <h1>Flowent Companion</h1>
      <p>{NO_BRIDGE}</p>
      <p>
        <CodeParts parts={OPEN_INSPECTOR_URL} />
      </p>
    </main>
  );
}
