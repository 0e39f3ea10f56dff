import { spawn } from 'node:child_process';
import { CLI } from './spawn-cli';

/** A shell word: the paths of a test's temporary folders, said to the shell as they are. */
const quoted = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the built command on a terminal: script(1) gives it one (stdout and stderr both are its
 * terminal unless `redirect` sends stdout elsewhere, as `> file` would), and what script prints
 * is what the terminal received, bytes and control sequences as they came.
 */
export function runOnTerminal(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  redirect = '',
): Promise<{ code: number | null; received: string }> {
  const command = [process.execPath, CLI, ...args].map(quoted).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', `${command}${redirect}`, '/dev/null'], { env: { ...process.env, ...env } });
    let received = '';
    child.stdout.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, received }));
  });
}

/**
 * The lines a terminal shows once it has received `received`: a carriage return goes back to the
 * line's start, ESC [K erases from there to its end, and what is written after covers what was
 * there. A line redrawn in place and cleared at the end leaves nothing behind.
 */
export function screenOf(received: string): string[] {
  const lines: string[] = [''];
  let column = 0;
  for (let at = 0; at < received.length; at++) {
    const row = lines.length - 1;
    if (received.startsWith('\x1b[K', at)) {
      lines[row] = lines[row]!.slice(0, column);
      at += 2;
    } else if (received[at] === '\r') column = 0;
    else if (received[at] === '\n') {
      lines.push('');
      column = 0;
    } else {
      const line = lines[row]!.padEnd(column);
      lines[row] = line.slice(0, column) + received[at] + line.slice(column + 1);
      column++;
    }
  }
  return lines.at(-1) === '' ? lines.slice(0, -1) : lines;
}
