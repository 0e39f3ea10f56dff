/**
 * The caller's address for a request that came through the tunnel. The agent connects to
 * the local server itself, so the socket's remote address is always 127.0.0.1; ngrok's edge
 * adds `X-Forwarded-For` with the public client. The first hop is the original client.
 *
 * Takes Node's `rawHeaders` (name, value, name, value…) so repeated headers are all seen;
 * returns null when there is no usable value.
 */
export function forwardedFor(rawHeaders: readonly string[]): string | null {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() !== 'x-forwarded-for') continue;
    const first = rawHeaders[i + 1]!.split(',')[0]!.trim();
    if (first) return stripPort(first);
  }
  return null;
}

/** `1.2.3.4:5678` → `1.2.3.4`, `[::1]:80` → `::1`; bare IPv6 is left alone. */
function stripPort(value: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1]!;
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  return ipv4WithPort ? ipv4WithPort[1]! : value;
}
