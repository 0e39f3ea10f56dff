// A serve's inspector API that refuses one method, as seen by the process that asks it: a
// `calls --follow` preloaded with this gets 403 {ok: false} for every call of the method named by
// FC_INSPECTOR_REFUSES (as an inspector of another version, or one that no longer offers the
// method, answers), and every other request as it is.
// Preloaded into a command (`node -r <this> cli.js calls --follow ...`).
const refused = `/api/call/${process.env.FC_INSPECTOR_REFUSES}`;
const fetchNow = globalThis.fetch;

globalThis.fetch = async (input, init) => {
  if (!new URL(String(input)).pathname.endsWith(refused)) return fetchNow(input, init);
  return new Response(JSON.stringify({ ok: false }), { status: 403, headers: { 'content-type': 'application/json' } });
};
