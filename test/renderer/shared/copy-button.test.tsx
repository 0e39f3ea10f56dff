// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CopyButton } from '../../../renderer/src/shared/CopyButton';

afterEach(cleanup);

// Copying an empty text cleared the clipboard and still said "Copied".
describe('a copy button', () => {
  it('copies its text', async () => {
    const user = userEvent.setup();
    render(<CopyButton text="abc" what="answer body" />);
    await user.click(screen.getByRole('button', { name: 'Copy answer body' }));
    await expect(navigator.clipboard.readText()).resolves.toBe('abc');
  });

  it('refuses an empty text, and says there is nothing to copy', async () => {
    const user = userEvent.setup();
    await navigator.clipboard.writeText('kept');
    render(<CopyButton text="" what="answer body" />);
    const button = screen.getByRole('button', { name: 'Copy answer body' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.title).toBe('Nothing to copy: the answer body is empty.');
    await user.click(button);
    await expect(navigator.clipboard.readText()).resolves.toBe('kept');
  });
});
