/** Shown when the page has neither the desktop bridge nor a token in its URL. */
export function NoBridge() {
  return (
    <main className="no-bridge">
      <h1>Flowent Companion</h1>
      <p>This page cannot reach the companion: it was opened without its access token.</p>
      <p>
        Open the Inspector URL printed by <code>flowent-companion serve</code> (it ends in <code>#token=…</code>), or start the desktop app.
      </p>
    </main>
  );
}
