// @vitest-environment happy-dom
// The page's mock editor says where an answer typed as the mock goes, in the core's words (as
// `mocks set` says it): under body, beside its status.
import { expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { typeInto } from '../harness/editor-kit';
import { openAnswers } from './answers-kit';

const companion = useCompanion();
const UNDER_BODY = 'the answer Flowent gets goes under body, as in status: 200, body: {result: "ok", error: ""}';

it('shows, as typed and on Save, that result and error go under body', async () => {
  const { mock, editor, user } = await openAnswers(companion());
  typeInto(editor, '{"result": "ok", "error": ""}');
  const problems = await within(mock).findByRole('list', { name: 'Mock problems' }, { timeout: 3000 });
  await waitFor(() => expect(problems.textContent).toContain(`unknown field "result": ${UNDER_BODY}`));
  expect(problems.textContent).toContain(`unknown field "error": ${UNDER_BODY}`);

  await user.click(within(mock).getByRole('button', { name: 'Save mock' }));
  expect((await within(mock).findByRole('alert', { name: 'Mock error' })).textContent).toBe(
    'The mock was not saved: it has 2 problems, listed below.',
  );
  expect(within(mock).getByRole('list', { name: 'Mock problems' }).textContent).toContain(`unknown field "result": ${UNDER_BODY}`);
  expect((await companion().api.getAnswerSettings()).mocks).toEqual([]);
});
