// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  followPageToken,
  hashWithoutToken,
  readToken,
  TAB_TOKEN_KEY,
  tabStorage,
  takeToken,
} from '../../../renderer/src/transport/page-token';

// With the DOM's sessionStorage and address: the token leaves the address once read and a reload
// (a second read without it) still finds it. test/e2e/inspector-token.e2e.test.ts does it in Chromium.
const address = () => ({
  get hash() {
    return location.hash;
  },
  replaceHash: (hash: string) => history.replaceState(null, '', `${location.pathname}${location.search}${hash}`),
});

afterEach(() => {
  sessionStorage.removeItem(TAB_TOKEN_KEY);
  history.replaceState(null, '', '/');
});

describe("the inspector's access token", () => {
  it('is read from the hash beside other parameters', () => {
    expect(readToken('#token=abc&x=1')).toBe('abc');
    expect(readToken('#other=1')).toBeNull();
    expect(readToken('#token=')).toBeNull();
    expect(hashWithoutToken('#token=abc&x=1')).toBe('#x=1');
    expect(hashWithoutToken('#token=abc')).toBe('');
  });

  it('leaves the address once read, keeping its search and other hash parameters, and a reload finds it', () => {
    history.replaceState(null, '', '/?failures=only#token=s3cret&x=1');
    expect(takeToken(address(), tabStorage())).toBe('s3cret');
    expect(location.href).not.toContain('s3cret');
    expect(`${location.search}${location.hash}`).toBe('?failures=only#x=1');
    // The reload: the address has no token now.
    expect(takeToken(address(), tabStorage())).toBe('s3cret');
  });

  it('a new token in the address replaces the one the tab kept', () => {
    sessionStorage.setItem(TAB_TOKEN_KEY, 'old');
    history.replaceState(null, '', '/#token=new');
    expect(takeToken(address(), tabStorage())).toBe('new');
    expect(takeToken(address(), tabStorage())).toBe('new');
  });

  it('stays in the address where the tab refuses to keep it, so a reload still works', () => {
    history.replaceState(null, '', '/#token=kept-here');
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
    expect(takeToken(address(), refusing)).toBe('kept-here');
    expect(location.hash).toBe('#token=kept-here');
    expect(takeToken(address(), null)).toBe('kept-here');
  });

  it('is null when neither the address nor the tab has one', () => {
    expect(takeToken(address(), tabStorage())).toBeNull();
  });

  it('arriving later in the hash (an address opened again in the tab), is taken out, and only another one is news', () => {
    history.replaceState(null, '', '/#token=first');
    const page = new EventTarget();
    const token = followPageToken(address(), tabStorage(), page);
    let changes = 0;
    token.subscribe(() => (changes += 1));
    expect(token.current()).toBe('first');
    const arrive = (url: string) => {
      history.pushState(null, '', url);
      page.dispatchEvent(new Event('hashchange'));
    };

    arrive('/?verdict=invalid#token=first');
    expect(`${location.search}${location.hash}`).toBe('?verdict=invalid');
    expect(changes).toBe(0);
    arrive('/#x=1');
    expect(changes).toBe(0);
    arrive('/#token=second&x=1');
    expect(location.hash).toBe('#x=1');
    expect([token.current(), changes, sessionStorage.getItem(TAB_TOKEN_KEY)]).toEqual(['second', 1, 'second']);
  });

  it('arriving later where the tab refuses to keep it, is still taken in, and stays in the address', () => {
    history.replaceState(null, '', '/');
    const page = new EventTarget();
    const token = followPageToken(address(), null, page);
    expect(token.current()).toBeNull();
    history.pushState(null, '', '/#token=late');
    page.dispatchEvent(new Event('hashchange'));
    expect(token.current()).toBe('late');
    expect(location.hash).toBe('#token=late');
  });
});
