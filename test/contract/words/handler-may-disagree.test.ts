import { describe, expect, it } from 'vitest';
import { HANDLER_SIGNATURES } from '../../../main/contract/api';
import { handlerMayDisagree } from '../../../main/contract/words';
import { diagnoseHandler } from '../../../main/core/handler-check';
import { emptyKnowledge } from '../../../main/core/handler-check/handler-memory';

// The command line reads a call's details (every style checked) only when handlerMayDisagree
// says a diagnosis may exist: it must say so for every pair the core diagnoses.

const VERDICTS = ['valid', 'invalid', 'missing', 'malformed', 'unsigned-test', 'no-key', 'not-flowent'] as const;

describe('handlerMayDisagree', () => {
  it.each(VERDICTS.flatMap((verdict) => HANDLER_SIGNATURES.map((handler) => [verdict, handler] as const)))(
    'holds for %s and a handler that %s exactly when the core diagnoses one',
    (verdict, handler) => {
      const diagnosed = diagnoseHandler(
        { verdict, validIn: verdict === 'valid' ? ['python'] : [] },
        { verdict: handler, evidence: '' },
        emptyKnowledge(),
      );
      expect(handlerMayDisagree(verdict, handler)).toBe(diagnosed !== null);
    },
  );

  it('never holds when no handler answered', () => {
    for (const verdict of VERDICTS) expect(handlerMayDisagree(verdict, null)).toBe(false);
  });
});
