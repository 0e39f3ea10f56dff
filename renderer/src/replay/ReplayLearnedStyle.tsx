import { useEffect } from 'react';
import { styleLabel } from '../../../main/contract/style-labels';
import { counted } from '../../../main/contract/words';
import { useReplayStore } from './replay-store';
import { loadLearnedStyle } from './replay-ui-actions';

/**
 * "Calls this companion signs use Python example (as sent, ASCII escapes), learned from 37
 * Flowent calls": what
 * re-signed and simulated calls use. Said as that, not as "Flowent signs with": a call's
 * details name the style that call was signed in, which can be another.
 */
export function ReplayLearnedStyle() {
  const learned = useReplayStore((s) => s.learned);
  useEffect(() => {
    void loadLearnedStyle();
  }, []);
  if (!learned) return null;
  let text: string;
  if (!learned.keySet) text = 'No HMAC key is set: set it in Settings to re-sign or simulate calls.';
  else if (learned.fromCalls === 0)
    text = `Nothing learned yet: re-signed calls use ${styleLabel(learned.style)} until a valid Flowent call arrives.`;
  else {
    text = `Calls this companion signs use ${styleLabel(learned.style)}, learned from ${counted(learned.fromCalls, 'Flowent call')}${learned.decided ? '' : ' (none yet told the styles apart)'}.`;
  }
  return (
    <p className="learned-style muted" aria-label="Learned signing style">
      {text}
    </p>
  );
}
