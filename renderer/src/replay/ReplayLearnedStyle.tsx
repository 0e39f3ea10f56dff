import { useEffect } from 'react';
import { styleLabel } from '../../../main/contract/style-labels';
import type { LearnedStyleInfo } from '../../../main/contract/api';
import { counted, learnedStyleCountWords } from '../../../main/contract/words';
import { useReplayStore } from './replay-store';
import { loadLearnedStyle } from './replay-ui-actions';

/**
 * What re-signed and simulated calls use, and the Flowent calls that told it: "Calls this
 * companion signs use Python example (as sent, ASCII escapes), learned from 1 Flowent call
 * (the 4 other Flowent calls are signed alike by every style)", then any calls signed in another
 * style: "Flowent calls so far: Python example (...), 5 of 6 calls; 1 signed Go example (...)".
 * Only the calls some style signs differently count as learned from: a plain ASCII call is
 * valid in every style and says nothing of which one Flowent uses. Said as what this companion
 * signs with, not as "Flowent signs with": a call's details name the style that call was signed
 * in, which can be another.
 */
export function ReplayLearnedStyle({ id }: { id?: string }) {
  const learned = useReplayStore((s) => s.learned);
  useEffect(() => {
    void loadLearnedStyle();
  }, []);
  if (!learned) return null;
  return (
    <p className="learned-style muted" id={id} aria-label="Learned signing style">
      {learnedStyleText(learned)}
    </p>
  );
}

function learnedStyleText(learned: LearnedStyleInfo): string {
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
