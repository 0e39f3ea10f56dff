/**
 * What sockets a process holds, read from /proc (Linux): its file descriptors that are
 * sockets, and which of them are TCP connections (not listeners), with their ports.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface TcpConnection {
  localPort: number;
  remotePort: number;
  /** /proc's hex state: 01 established, 08 close-wait (the peer closed, this process did not)... */
  state: string;
}

const LISTEN = '0A';

/** Inodes of the sockets the process has open. */
export function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let link: string;
    try {
      link = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed between listing and reading
    }
    const match = /^socket:\[(\d+)\]$/.exec(link);
    if (match?.[1]) inodes.add(match[1]);
  }
  return inodes;
}

/** TCP connections held by the process (its own sockets only, listeners left out). */
export function tcpConnections(pid: number): TcpConnection[] {
  const mine = socketInodes(pid);
  const connections: TcpConnection[] = [];
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [, local, remote, state, , , , , , inode] = fields;
      if (!local || !remote || !state || !inode || state === LISTEN || !mine.has(inode)) continue;
      connections.push({ localPort: portOf(local), remotePort: portOf(remote), state });
    }
  }
  return connections;
}

function portOf(address: string): number {
  return parseInt(address.slice(address.lastIndexOf(':') + 1), 16);
}

/** Polls `read` until `settled` holds, or gives up after `timeoutMs` and returns the last value. */
export async function settle<T>(read: () => T, settled: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (!settled(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = read();
  }
  return value;
}
