// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render, within } from '@testing-library/react';
import type { SimulateOutcome } from '../../../main/contract/api';
import { SimulatorResult } from '../../../renderer/src/replay/SimulatorResult';

const REFUSED = 'Your handler at http://127.0.0.1:9/actions/send_email refused the connection.';

/** A simulated call sent to a companion whose forwarding failed, so its mock answered in the handler's place. */
function outcome(answeredBy: SimulateOutcome['answeredBy'], error: string | null): SimulateOutcome {
  return {
    id: 7,
    url: 'http://127.0.0.1:8787/actions/send_email',
    body: '{}',
    signedStyle: 'python',
    wrongSignature: false,
    status: 200,
    answer: '{"result":"ok","error":""}',
    answeredBy,
    handlerSignature: null,
    validAccepted: null,
    durationMs: 5,
    violations: [],
    error,
    forwardTarget: null,
  };
}

describe("a sent call's result", () => {
  it('says the mock answered in place of the handler, and why forwarding failed', () => {
    const { container } = render(<SimulatorResult outcome={outcome('fallback-mock', REFUSED)} />);
    const result = within(container).getByRole('region', { name: 'Simulator result' });
    expect(within(result).getByTestId('sent-status').textContent).toBe('200 from the mock: your handler gave no answer');
    expect(within(result).getByRole('note', { name: 'Forwarding' }).textContent).toBe(`Forwarding failed: ${REFUSED}`);
    expect(result.textContent).not.toContain('Handler:');
  });

  it("keeps the handler's own failure as it was", () => {
    const { container } = render(<SimulatorResult outcome={{ ...outcome('forward-error', REFUSED), status: 0 }} />);
    expect(within(container).getByTestId('sent-status').textContent).toBe('no answer');
    expect(within(container).queryByRole('note', { name: 'Forwarding' })).toBeNull();
    expect(container.textContent).toContain(`Handler: ${REFUSED}`);
  });
});
