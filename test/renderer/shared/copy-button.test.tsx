// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CopyButton } from '../../../renderer/src/shared/CopyButton';
import { resetStores, useUiStore } from '../../../renderer/src/page/stores';

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

// A page at another computer's http address has no clipboard: the banner said so, and no more.
describe('a copy button where the browser gives no clipboard', () => {
  afterEach(() => resetStores());

  it('says the copy failed, why, and to copy by hand', async () => {
    const user = userEvent.setup();
    // user-event puts a stand-in clipboard on the navigator itself: that one is taken away, and put back.
    const clipboard = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined });
    try {
      render(<CopyButton text="abc" what="answer body" />);
      await user.click(screen.getByRole('button', { name: 'Copy answer body' }));
    } finally {
      if (clipboard) Object.defineProperty(navigator, 'clipboard', clipboard);
      else Reflect.deleteProperty(navigator, 'clipboard');
    }
    expect(useUiStore.getState().errors.map((e) => e.message)).toEqual([
      'Could not copy the answer body: this browser gives the page no clipboard. Select the text and copy it by hand.',
    ]);
  });
});
