// @vitest-environment happy-dom
// A part of the page loaded when first shown (the editor, some dialogs) can fail two ways: its
// file does not come (the companion is out of reach), or it loads and then stops on an error of
// the page's own. Each is said as what it is: the second read "the companion could not be
// reached" beside a running companion, sending people to look in the wrong place.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { LazyPart, retryableLazy } from '../../../renderer/src/shared/LazyPart';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** React reports the errors its boundaries catch on the console: kept out of the test's output. */
const quietReact = () => vi.spyOn(console, 'error').mockImplementation(() => undefined);

describe('a part of the page that cannot be shown', () => {
  it('says its file could not come when the load fails, and loads it again on Try again', async () => {
    quietReact();
    let attempts = 0;
    const Part = retryableLazy(async () => {
      attempts += 1;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return { default: () => <p>loaded</p> };
    });
    render(
      <LazyPart part="editor" retry={Part.retry}>
        <Part />
      </LazyPart>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The editor could not be loaded: the companion could not be reached. Try again once it is running again.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByText('loaded')).textContent).toBe('loaded');
    expect(attempts).toBe(2);
  });

  it('says it stopped on an error in the page, with the error, when it loaded and then failed', async () => {
    quietReact();
    let throws = true;
    const Broken = () => {
      if (throws) throw new TypeError('l is not a function');
      return <p>drawn</p>;
    };
    const retry = vi.fn();
    render(
      <LazyPart part="answers" retry={retry}>
        <Broken />
      </LazyPart>,
    );
    const alert = await screen.findByRole('alert', { name: 'Page error' });
    expect(alert.textContent).toBe(
      'The Answers dialog stopped on an error in the page (TypeError: l is not a function). Try again; if it stops again, reload the page.',
    );
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeTruthy();
    // Nothing to load again: Try again draws it again.
    throws = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByText('drawn')).textContent).toBe('drawn');
    expect(retry).not.toHaveBeenCalled();
  });
});
