/**
 * The page's access token was refused (wrong, or another data folder's): one screen that
 * says so and what to do, instead of every request failing on its own.
 */
export function AccessDenied() {
  return (
    <main className="no-bridge" aria-labelledby="access-denied-title">
      <h1 id="access-denied-title">This page&apos;s access token is not accepted</h1>
      <p>
        The companion refused the token in this page&apos;s address: it is wrong, or it belongs to another companion (each data folder has
        its own). Nothing is shown until the page has the right one.
      </p>
      <h2>What to do</h2>
      <ol>
        <li>
          Find the <strong>Inspector</strong> line that <code>flowent-companion serve</code> printed when it started (it ends in{' '}
          <code>#token=…</code>) and open that address.
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
