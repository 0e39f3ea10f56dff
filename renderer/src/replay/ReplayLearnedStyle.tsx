import { useEffect } from 'react';
import { learnedStyleWords, REPLAY_PART_NAMES } from '../../../main/contract/words';
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
    <p className="learned-style muted" id={id} aria-label={REPLAY_PART_NAMES.learnedStyle}>
      {learnedStyleWords(learned)}
    </p>
  );
}
