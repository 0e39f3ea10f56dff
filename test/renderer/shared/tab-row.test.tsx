// @vitest-environment happy-dom
import { useRef, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TabRow, type TabOf } from '../../../renderer/src/shared/TabRow';

afterEach(cleanup);

type Fruit = 'apple' | 'pear' | 'plum';
const TABS: readonly TabOf<Fruit>[] = [
  { id: 'apple', label: 'Apple' },
  { id: 'pear', label: 'Pear' },
  { id: 'plum', label: 'Plum' },
];

/** A TabRow as its owners use it: the tab shown is the owner's state, and what it shows follows it. */
function Fruits(props: { owned?: (buttons: Map<Fruit, HTMLButtonElement>) => void }) {
  const [current, setCurrent] = useState<Fruit>('apple');
  const buttons = useRef(new Map<Fruit, HTMLButtonElement>());
  props.owned?.(buttons.current);
  return (
    <>
      <button type="button">Before</button>
      <TabRow
        tabs={TABS}
        current={current}
        onChoose={setCurrent}
        label="Fruits"
        tabClassName="tab"
        buttons={props.owned ? buttons : undefined}
      />
      <p role="tabpanel" aria-label={current} />
      <button type="button">After</button>
    </>
  );
}

function renderFruits(owned?: (buttons: Map<Fruit, HTMLButtonElement>) => void) {
  render(<Fruits owned={owned} />);
  const row = screen.getByRole('tablist', { name: 'Fruits' });
  return {
    user: userEvent.setup(),
    tab: (name: string) => within(row).getByRole('tab', { name }),
    shown: () => screen.getByRole('tabpanel').getAttribute('aria-label'),
    selected: () =>
      within(row)
        .getAllByRole('tab')
        .filter((tab) => tab.getAttribute('aria-selected') === 'true')
        .map((tab) => tab.textContent),
    tabStops: () =>
      within(row)
        .getAllByRole('tab')
        .filter((tab) => tab.tabIndex === 0)
        .map((tab) => tab.textContent),
  };
}

describe('a TabRow', () => {
  it('is one Tab stop, the tab shown: Tab goes into the row there and out of it past the others', async () => {
    const { user, tab, tabStops } = renderFruits();
    expect(tabStops()).toEqual(['Apple']);
    screen.getByRole('button', { name: 'Before' }).focus();
    await user.tab();
    expect(document.activeElement).toBe(tab('Apple'));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'After' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(tab('Apple'));
  });

  it('← and → choose the neighbour round the ends, Home and End the first and last, each shown and taking the keyboard', async () => {
    const { user, tab, shown, selected, tabStops } = renderFruits();
    tab('Apple').focus();
    const press = async (key: string, expected: string) => {
      await user.keyboard(key);
      expect(shown(), key).toBe(expected.toLowerCase());
      expect(selected(), key).toEqual([expected]);
      expect(tabStops(), key).toEqual([expected]);
      expect(document.activeElement, key).toBe(tab(expected));
    };
    await press('{ArrowRight}', 'Pear');
    await press('{ArrowRight}', 'Plum');
    await press('{ArrowRight}', 'Apple');
    await press('{ArrowLeft}', 'Plum');
    await press('{ArrowLeft}', 'Pear');
    await press('{Home}', 'Apple');
    await press('{End}', 'Plum');
    // Other keys are left to the page: nothing changes.
    await press('{ArrowDown}', 'Plum');
    await press('a', 'Plum');
  });

  it('a click shows its tab; the shown one is marked active, the row and each tab named', async () => {
    const { user, tab, shown } = renderFruits();
    expect(tab('Apple').className).toBe('tab active');
    await user.click(tab('Plum'));
    expect(shown()).toBe('plum');
    expect(tab('Plum').className).toBe('tab active');
    expect(tab('Apple').className).toBe('tab');
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Apple', 'Pear', 'Plum']);
  });

  it("fills the owner's map of buttons, so the owner can take the keyboard to a tab it chose itself", () => {
    let owned = new Map<Fruit, HTMLButtonElement>();
    const { tab } = renderFruits((buttons) => (owned = buttons));
    expect([...owned.keys()]).toEqual(['apple', 'pear', 'plum']);
    expect(owned.get('pear')).toBe(tab('Pear'));
  });
});
