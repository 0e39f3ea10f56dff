import type { ComponentPropsWithRef, MouseEvent } from 'react';

interface Props extends ComponentPropsWithRef<'button'> {
  /** The work it started is running: the button says it is unavailable and ignores presses. */
  busy: boolean;
}

/**
 * A button whose work takes a while. While busy it is aria-disabled, not disabled: a disabled
 * button drops the keyboard focus to the page's body, and the person who pressed it would have
 * to find their place again. A press meanwhile does nothing, a submit button's included (the
 * form is not sent twice, by a click or by Enter in one of its fields). `disabled` stays for a
 * button unavailable for another reason (nothing to save, a problem in the form).
 */
export function BusyButton({ busy, type = 'button', onClick, ...rest }: Props) {
  function onPress(e: MouseEvent<HTMLButtonElement>) {
    if (busy) e.preventDefault();
    else onClick?.(e);
  }
  return <button type={type} {...rest} aria-disabled={busy || undefined} onClick={onPress} />;
}
