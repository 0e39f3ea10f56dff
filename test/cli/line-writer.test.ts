import { describe, expect, it } from 'vitest';
import { LineWriter } from '../../main/cli/line-writer';

describe('LineWriter', () => {
  it('writes the lines of one turn in one write, in order, and the next turn in another', async () => {
    const writes: string[] = [];
    const lines = new LineWriter({ write: (text: string) => writes.push(text) });
    lines.line('a');
    lines.line('b');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['a\nb\n']);
    lines.line('c');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('flush() writes what is pending at once, and nothing twice', async () => {
    const writes: string[] = [];
    const lines = new LineWriter({ write: (text: string) => writes.push(text) });
    lines.line('Stopped.');
    lines.flush();
    expect(writes).toEqual(['Stopped.\n']);
    await new Promise((resolve) => setImmediate(resolve));
    lines.flush();
    expect(writes).toEqual(['Stopped.\n']);
  });
});
