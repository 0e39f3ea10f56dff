/**
 * The caller's address for a request that came through the tunnel. The agent connects to
 * the local server itself, so the socket's remote address is always 127.0.0.1; ngrok's edge
 * appends the public client's address to `X-Forwarded-For`. Only that last hop is the
 * edge's word: anything before it is whatever the caller sent, and a caller can send any.
 *
 * Takes Node's `rawHeaders` (name, value, name, value…) so repeated headers are all seen, in
 * order, as one list; returns null when there is no usable value.
 */
export function forwardedFor(rawHeaders: readonly string[]): string | null {
  let last: string | null = null;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() !== 'x-forwarded-for') continue;
    const hops = rawHeaders[i + 1]!.split(',');
    const hop = hops[hops.length - 1]!.trim();
    last = hop || null;
  }
  return last === null ? null : stripPort(last);
}

/** `1.2.3.4:5678` → `1.2.3.4`, `[::1]:80` → `::1`; bare IPv6 is left alone. */
function stripPort(value: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1]!;
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  return ipv4WithPort ? ipv4WithPort[1]! : value;
}
