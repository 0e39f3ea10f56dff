// A probe row's styles read the same in the page and the terminal, and agree with the finding:
// a style accepted only where its bytes were another style's is marked.
import { expect, it } from 'vitest';
import { probeRowStyles } from '../../../main/contract/words';

it('marks a style on an accepted row that the finding counts as refused', () => {
  const probe = { stylesAccepted: ['python', 'sorted+ascii'] };
  expect(probeRowStyles(probe, { handler: 'accepted', styles: ['python', 'raw', 'sorted+ascii'] })).toEqual([
    'python',
    'raw (here only)',
    'sorted+ascii',
  ]);
  // On a refused row every style is as the finding has it: nothing to mark.
  expect(probeRowStyles(probe, { handler: 'refused', styles: ['raw', 'go'] })).toEqual(['raw', 'go']);
});

it('names each style with the name given, the mark after it', () => {
  const probe = { stylesAccepted: ['python'] };
  const name = (style: string) => style.toUpperCase();
  expect(probeRowStyles(probe, { handler: 'accepted', styles: ['python', 'raw'] }, name)).toEqual(['PYTHON', 'RAW (here only)']);
});
