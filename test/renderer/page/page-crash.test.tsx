// @vitest-environment happy-dom
// An error of the page's own code outside the parts loaded when first shown: React unmounts
// the whole page, which went blank. It says what happened and what to do in its place.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { PageCrash } from '../../../renderer/src/app/PageCrash';
import { PageRoot } from '../../../renderer/src/app/PageRoot';

// The app itself, standing for any of its parts that stops on an error while rendering.
const appRenders = vi.hoisted(() => ({ fails: false }));
vi.mock('../../../renderer/src/app/App', () => ({
  App: () => {
    if (appRenders.fails) throw new TypeError("Cannot read properties of undefined (reading 'length')");
    return <p>the app</p>;
  },
}));

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  appRenders.fails = false;
});

/** The inspector's page as opened with its token: the app on an HTTP bridge. */
const WITH_TOKEN = { current: () => 'page-token', subscribe: () => () => {} };

describe('the page stopped on an error of its own', () => {
  it('says so with the error and offers the reload, instead of going blank', () => {
    // React reports the errors its boundaries catch on the console: kept out of the test's output.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const Broken = (): never => {
      throw new RangeError('Invalid time value');
    };
    render(
      <PageCrash>
        <p>the page</p>
        <Broken />
      </PageCrash>,
    );
    expect(screen.getByRole('alert', { name: 'Page error' }).textContent).toBe(
      'The page stopped on an error (RangeError: Invalid time value). Reload the page to go on: the companion, and the calls it stored, are not affected.',
    );
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeTruthy();
    expect(screen.queryByText('the page')).toBeNull();
  });

  it('shows the page while nothing has failed', () => {
    render(
      <PageCrash>
        <p>the page</p>
      </PageCrash>,
    );
    expect(screen.getByText('the page').textContent).toBe('the page');
  });

  it("is the page's last stop: an error anywhere in the app shows it, not a blank page", () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    appRenders.fails = true;
    render(<PageRoot desktop={undefined} token={WITH_TOKEN} />);
    expect(screen.getByRole('alert', { name: 'Page error' }).textContent).toContain(
      "The page stopped on an error (TypeError: Cannot read properties of undefined (reading 'length')).",
    );
  });

  it('shows the app while it runs', () => {
    render(<PageRoot desktop={undefined} token={WITH_TOKEN} />);
    expect(screen.getByText('the app').textContent).toBe('the app');
  });
});
