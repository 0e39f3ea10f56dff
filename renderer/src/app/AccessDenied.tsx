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
        {rotated ? (
          <li>
            Open the new Inspector address. <code>flowent-companion serve</code> printed it when the token changed, on a new{' '}
            <strong>Inspector</strong> line that ends in <code>(the access token was changed)</code>; the page where the token was changed
            has it too, and so does the output of <code>flowent-companion inspector rotate-token</code>.
          </li>
        ) : (
          <li>
            Find the last <strong>Inspector</strong> line that <code>flowent-companion serve</code> printed (it holds <code>#token=…</code>;
            serve prints a new one whenever the token is changed) and open that address.
          </li>
        )}
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
