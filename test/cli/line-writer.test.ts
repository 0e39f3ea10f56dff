import { describe, expect, it } from 'vitest';
import { LineWriter } from '../../main/cli/line-writer';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('LineWriter', () => {
  it('holds lines across turns of the event loop until its window ends, then writes them in one write, in order', async () => {
    const writes: string[] = [];
    // A window no test run outlasts: what is pending can only have been written by the window's end.
    const lines = new LineWriter({ write: (text: string) => writes.push(text) }, 60_000);
    lines.line('a');
    await turn();
    lines.line('b');
    await turn();
    expect(writes).toEqual([]);
    lines.flush();
    expect(writes).toEqual(['a\nb\n']);
  });

  it('writes by itself once the window ends, and starts a new window for the next line', async () => {
    const writes: string[] = [];
    const lines = new LineWriter({ write: (text: string) => writes.push(text) }, 5);
    lines.line('a');
    lines.line('b');
    while (writes.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(writes).toEqual(['a\nb\n']);
    lines.line('c');
    while (writes.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('flush() writes what is pending at once, and nothing twice', async () => {
    const writes: string[] = [];
    const lines = new LineWriter({ write: (text: string) => writes.push(text) }, 5);
    lines.line('Stopped.');
    lines.flush();
    expect(writes).toEqual(['Stopped.\n']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    lines.flush();
    expect(writes).toEqual(['Stopped.\n']);
  });
});
