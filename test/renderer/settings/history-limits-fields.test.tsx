// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_LIMITS } from '../../../main/contract/api';
import { useUiStore } from '../../../renderer/src/page/stores';
import { useCompanion } from '../harness/companion';
import { renderApp, settingsButton } from '../harness/render';

const companion = useCompanion();

/** Plays the browser about to unload the page: true when the page asked it not to. */
function unloadIsCancelled(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

async function openLimits() {
  const c = companion();
  await c.send('send_email');
  const view = renderApp(c.bridge);
  await view.user.click(await settingsButton());
  const section = await screen.findByRole('region', { name: 'History limits' });
  const field = (label: string) => within(section).getByLabelText(label) as HTMLInputElement;
  await waitFor(() => expect(field('Keep at most (calls)').value).toBe('100000'));
  return { ...view, c, section, field };
}

describe('history limits: a number out of range', () => {
  it('is said beside its field, with the range, before anything is sent; no banner', async () => {
    const { c, section, field, user } = await openLimits();
    const calls = field('Keep at most (calls)');
    await user.clear(calls);
    await user.type(calls, '99999999999999999999');
    await user.click(within(section).getByRole('button', { name: 'Save limits' }));
    const said = await within(section).findByRole('alert', { name: 'Keep at most (calls): problem' });
    expect(said.textContent).toBe(
      '“Keep at most … calls” can be at most 1,000,000,000: type a smaller number, or leave it empty for no limit.',
    );
    expect(calls.getAttribute('aria-invalid')).toBe('true');
    expect(calls.getAttribute('aria-describedby')).toBe(said.id);
    expect(c.bridge.callsTo('setLimits')).toEqual([]);
    expect(useUiStore.getState().errors).toEqual([]);

    // In MB, the range is the core's in bytes, said in MB.
    await user.clear(calls);
    await user.type(calls, '500');
    const size = field('Keep the history under (MB)');
    await user.clear(size);
    await user.type(size, '2000000');
    await user.click(within(section).getByRole('button', { name: 'Save limits' }));
    expect((await within(section).findByRole('alert', { name: 'Keep the history under (MB): problem' })).textContent).toBe(
      '“Keep the history under … MB” can be at most 1,048,576: type a smaller number, or leave it empty for no limit.',
    );
    expect(within(section).queryByRole('alert', { name: 'Keep at most (calls): problem' })).toBeNull();
    expect(calls.hasAttribute('aria-invalid')).toBe(false);
    expect((await c.api.getLimits()).current).toEqual(DEFAULT_LIMITS);
  });

  it('a word that is not a number is said beside its field too', async () => {
    const { section, field, user } = await openLimits();
    const days = field('Keep calls for (days)');
    await user.clear(days);
    await user.type(days, 'lots');
    await user.click(within(section).getByRole('button', { name: 'Save limits' }));
    expect((await within(section).findByRole('alert', { name: 'Keep calls for (days): problem' })).textContent).toBe(
      '“Keep calls for … days” must be a whole number above 0: type one, or leave it empty for no limit.',
    );
    expect(days.getAttribute('aria-invalid')).toBe('true');
  });
});

describe('history limits: unsaved edits', () => {
  it('are unsaved work until saved: the page asks before it unloads, and Esc has something to warn about', async () => {
    const { section, field, user } = await openLimits();
    expect(useUiStore.getState().unsavedWork).toBeNull();
    expect(unloadIsCancelled()).toBe(false);
    await user.type(field('Limit each caller to (requests a second)'), '20');
    expect(useUiStore.getState().unsavedWork).toBe('the history limits');
    expect(unloadIsCancelled()).toBe(true);
    await user.click(within(section).getByRole('button', { name: 'Save limits' }));
    await screen.findByText('History limits saved');
    expect(useUiStore.getState().unsavedWork).toBeNull();
    expect(unloadIsCancelled()).toBe(false);
  });
});
