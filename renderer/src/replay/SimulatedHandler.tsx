import { useEffect, useState } from 'react';
import type { CallDetail } from '../../../main/contract/api';
import { HandlerDisagreement } from '../handler/HandlerDisagreement';
import { HandlerVerdictLine } from '../handler/HandlerSection';
import { readSimulatedCall } from './replay-simulator-actions';

/**
 * What the handler made of a simulated call's signature, and why when it disagrees with the
 * companion: the verdict line and the box the call's details show, read from the stored call as
 * the command line's `send` does. Nothing when no handler answered (a mock, nothing at all).
 */
export function SimulatedHandler({ id }: { id: number }) {
  // Kept with the id it was read for: the result of the next call sent shows nothing of this one's.
  const [read, setRead] = useState<{ id: number; call: CallDetail | null } | null>(null);
  useEffect(() => {
    let live = true;
    void readSimulatedCall(id).then((call) => live && setRead({ id, call }));
    return () => {
      live = false;
    };
  }, [id]);
  const call = read?.id === id ? read.call : null;
  const report = call?.handler;
  if (!call || !report) return null;
  return (
    <section aria-label="Your handler" className="handler-section">
      <h5>Your handler</h5>
      <HandlerVerdictLine call={call} report={report} />
      <HandlerDisagreement call={call} />
    </section>
  );
}
