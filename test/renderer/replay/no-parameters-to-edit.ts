import { expect } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import type { openCall } from '../harness/render';
import { rowOf } from '../harness/render';

/**
 * With call 1 open and call 2 an ordinary one: "Edit parameters…" is not offered for call 1, a
 * note it points to says why (`because`), and both come back as they were once call 2 is opened.
 */
export async function expectNoParametersToEditThenOffered(
  { pane, user }: Awaited<ReturnType<typeof openCall>>,
  because: string,
): Promise<void> {
  const edit = within(pane).getByRole('button', { name: 'Edit parameters…' });
  expect((edit as HTMLButtonElement).disabled).toBe(true);
  const why = within(pane).getByRole('note', { name: 'No parameters to edit' });
  expect(edit.getAttribute('aria-describedby')).toBe(why.id);
  expect(why.textContent).toContain(because);

  await user.click(await rowOf(2));
  await waitFor(() => expect((within(pane).getByRole('button', { name: 'Edit parameters…' }) as HTMLButtonElement).disabled).toBe(false));
  expect(within(pane).queryByRole('note', { name: 'No parameters to edit' })).toBeNull();
}
