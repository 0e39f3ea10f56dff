import { useEffect } from 'react';
import { useReplayStore } from './replay-store';
import { loadLearnedStyle } from './replay-ui-actions';

/** "Flowent signs with python style, learned from 37 calls": what re-signed and simulated calls use. */
export function ReplayLearnedStyle() {
  const learned = useReplayStore((s) => s.learned);
  useEffect(() => {
    void loadLearnedStyle();
  }, []);
  if (!learned) return null;
  let text: string;
  if (!learned.keySet) text = 'No HMAC key is set: set it in Settings to re-sign or simulate calls.';
  else if (learned.fromCalls === 0)
    text = `Nothing learned yet: re-signed calls use ${learned.style} style until a valid Flowent call arrives.`;
  else {
    const calls = `${learned.fromCalls} call${learned.fromCalls === 1 ? '' : 's'}`;
    text = `Flowent signs with ${learned.style} style, learned from ${calls}${learned.decided ? '' : ' (none yet told the styles apart)'}.`;
  }
  return (
    <p className="learned-style muted" aria-label="Learned signing style">
      {text}
    </p>
  );
}
