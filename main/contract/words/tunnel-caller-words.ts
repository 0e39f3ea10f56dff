/**
 * Who sent a call that came through the tunnel. The ngrok agent connects to the webhook from this
 * machine, so the socket's address is the loopback one; ngrok's edge names the caller. `calls <id>`
 * says it after that address, the page's call detail on a line of its own, in the same words.
 */
export function tunnelCallerWords(address: string): string {
  return `through the tunnel from ${address}`;
}
