// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Dialog } from '../../../renderer/src/shared/Dialog';

afterEach(cleanup);

describe('Tab inside a dialog', () => {
  it('wraps between the close button and the last control that can take the keyboard: a text area, not a disabled or hidden one', async () => {
    render(
      <Dialog title="Form" closeLabel="Close form" onClose={() => undefined}>
        <a href="#docs">Docs</a>
        <textarea aria-label="Notes" />
        <select aria-label="Frozen" disabled />
        <input aria-label="Hidden part" hidden />
      </Dialog>,
    );
    const user = userEvent.setup();
    const close = screen.getByRole('button', { name: 'Close form' });
    expect(document.activeElement).toBe(close);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByLabelText('Notes'));
    await user.tab();
    expect(document.activeElement).toBe(close);
  });

  it('wraps to a link when it is the last control', async () => {
    render(
      <Dialog title="Form" closeLabel="Close form" onClose={() => undefined}>
        <a href="#docs">Docs</a>
      </Dialog>,
    );
    const user = userEvent.setup();
    act(() => screen.getByRole('link', { name: 'Docs' }).focus());
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close form' }));
  });
});
