/**
 * What the page's replay and simulator say re-signed and simulated calls are signed with: the
 * style this companion learned from Flowent's calls, the calls that told it, and those signed in
 * another style. Said as what this companion signs with, not as "Flowent signs with": a call's
 * details name the style that call was signed in, which can be another.
 */
import type { LearnedStyleInfo } from '../replay';
import { styleLabel } from '../style-labels';
import { counted } from './counted';
import { learnedStyleCountWords } from './verdict-words';

/** The learned style in a sentence or two, or what to do while no key is set. */
export function learnedStyleWords(learned: LearnedStyleInfo): string {
  const { keySet, style, fromCalls, toldApartBy } = learned;
  if (!keySet) return 'No HMAC key is set: set it in Settings to re-sign or simulate calls.';
  const uses = `Calls this companion signs use ${styleLabel(style)}`;
  if (fromCalls === 0) return `Nothing learned yet: re-signed calls use ${styleLabel(style)} until a valid Flowent call arrives.`;
  if (toldApartBy === 0) {
    const calls = fromCalls === 1 ? 'the one Flowent call' : `the ${fromCalls.toLocaleString('en-US')} Flowent calls`;
    return `${uses}: every style signs ${calls} so far alike, so none told which one Flowent uses.`;
  }
  const alike = fromCalls - toldApartBy;
  // The calls, not the styles, are what every style signs alike: said with the calls as the subject.
  const others =
    alike === 0
      ? ''
      : alike === 1
        ? ' (the one other Flowent call is signed alike by every style)'
        : ` (the ${alike.toLocaleString('en-US')} other Flowent calls are signed alike by every style)`;
  // Calls signed in another style are counted: a handler written for this one rejects them.
  const count = learnedStyleCountWords(learned, { style: styleLabel });
  const unlike = count === null ? '' : ` Flowent calls so far: ${count}.`;
  return `${uses}, learned from ${counted(toldApartBy, 'Flowent call')}${others}.${unlike}`;
}
