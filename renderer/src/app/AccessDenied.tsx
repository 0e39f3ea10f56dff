/**
 * The page's access token was refused (wrong, or another data folder's) or replaced: one
 * screen that says so and what to do, instead of every request failing on its own.
 */
export function AccessDenied({ rotated = false }: { rotated?: boolean }) {
  return (
    <main className="no-bridge" aria-labelledby="access-denied-title">
      <h1 id="access-denied-title">{rotated ? 'The access token was changed' : 'This page\u2019s access token is not accepted'}</h1>
      {rotated ? (
        <p>
          Someone changed the inspector&apos;s access token (the button in Settings, or{' '}
          <code>flowent-companion inspector rotate-token</code>
          ). This page&apos;s address holds the old one, which the companion no longer accepts.
        </p>
      ) : (
        <p>
          The companion refused the token in this page&apos;s address: it is wrong, or it belongs to another companion (each data folder has
          its own). Nothing is shown until the page has the right one.
        </p>
      )}
      <h2>What to do</h2>
      <ol>
        {rotated && (
          <li>
            Open the new Inspector address: the page where the token was changed has it, and so does the output of{' '}
            <code>flowent-companion inspector rotate-token</code>.
          </li>
        )}
        <li>
          Find the <strong>Inspector</strong> line that <code>flowent-companion serve</code> printed when it started (it ends in{' '}
          <code>#token=…</code>) and open that address{rotated ? ' with the new token' : ''}.
        </li>
        <li>
          If the companion is no longer running, start it again with <code>flowent-companion serve</code> and open the address it prints.
        </li>
      </ol>
      <button type="button" onClick={() => location.reload()}>
        Try again
      </button>
    </main>
  );
}
