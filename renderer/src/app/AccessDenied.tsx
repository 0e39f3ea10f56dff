import { companionCommand, dataDirForCommands } from '../../../main/contract/words';
import { useMetaStore } from '../page/stores';

/**
 * The page's access token was refused (wrong, or another data folder's) or replaced: one
 * screen that says so and what to do, instead of every request failing on its own.
 */
export function AccessDenied({ rotated = false }: { rotated?: boolean }) {
  // The companion's status, when the page read it before its token was refused: commands then
  // name its data folder when it is not the default one, as printed they must reach that companion.
  const status = useMetaStore((s) => s.status);
  const command = (args: string) => <code>{companionCommand(args, dataDirForCommands(status))}</code>;
  return (
    <main className="no-bridge" aria-labelledby="access-denied-title">
      <h1 id="access-denied-title">{rotated ? 'The access token was changed' : 'This page\u2019s access token is not accepted'}</h1>
      {rotated ? (
        <p>
          Someone changed the inspector&apos;s access token (the button in Settings, or {command('inspector rotate-token')}). This
          page&apos;s address holds the old one, which the companion no longer accepts.
        </p>
      ) : (
        <p>
          The companion refused the token in this page&apos;s address: it is wrong, or it belongs to another companion (each data folder has
          its own). Nothing is shown until the page has the right one.
        </p>
      )}
      <h2>What to do</h2>
      <ol>
        {rotated ? (
          <li>
            Open the new Inspector address. <code>flowent-companion serve</code> printed it when the token changed, on a new{' '}
            <strong>Inspector</strong> line that ends in <code>(the access token was changed)</code>; the page where the token was changed
            has it too, and so does the output of {command('inspector rotate-token')}.
          </li>
        ) : (
          <li>
            Find the last <strong>Inspector</strong> line that <code>flowent-companion serve</code> printed (it holds <code>#token=…</code>;
            serve prints a new one whenever the token is changed) and open that address.
          </li>
        )}
        <li>If the companion is no longer running, start it again with {command('serve')} and open the address it prints.</li>
      </ol>
      {status === null && (
        <p data-testid="data-dir-note">
          If the companion was started with <code>--data-dir</code>, give these commands the same one: each data folder has its own
          companion and token.
        </p>
      )}
      <button type="button" onClick={() => location.reload()}>
        Try again
      </button>
    </main>
  );
}
