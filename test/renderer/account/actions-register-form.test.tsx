// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { handlerUrl } from '../../helpers/handler-process';
import { editorIn, typeInto } from '../harness/editor-kit';
import { openActions, SLOW, useActionsCompanion } from './actions-setup';

const { handler, companion, withActions } = useActionsCompanion();

describe('actions: the register form', () => {
  it('Esc over a half-filled form warns once and keeps it; a second Esc discards it; an untouched form closes at once', async () => {
    const { dialog, user } = await openActions(await withActions(companion()));
    await user.click(await within(dialog).findByRole('button', { name: 'Register an action…' }));
    const form = within(dialog).getByRole('form', { name: 'Register an action' });
    await user.type(within(form).getByLabelText('Name'), 'send_email');
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Flowent account' })).toBeTruthy();
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('send_email');
    expect(
      await screen.findByText('Unsaved changes to the action send_email: press Esc again to discard them, or save first.'),
    ).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Flowent account' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Account' }));
    const again = await screen.findByRole('dialog', { name: 'Flowent account' });
    await user.click(await within(again).findByRole('button', { name: 'Register an action…' }));
    await within(again).findByRole('form', { name: 'Register an action' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Flowent account' })).toBeNull();
  });

  it('shows problems next to their fields as the user types, before anything is sent; then registers', async () => {
    const c = await withActions(companion(), ['create_ticket']);
    const { dialog, user } = await openActions(c);
    await user.click(await within(dialog).findByRole('button', { name: 'Register an action…' }));
    const form = within(dialog).getByRole('form', { name: 'Register an action' });
    await waitFor(() => editorIn(form));

    await user.type(within(form).getByLabelText('Name'), 'Send-Email');
    await user.type(within(form).getByLabelText('Webhook URL'), 'not a url');
    await waitFor(
      () => expect(within(form).getByRole('alert', { name: 'name problems' }).textContent).toContain('"Send-Email" is not an action name'),
      SLOW,
    );
    await waitFor(
      () => expect(within(form).getByRole('alert', { name: 'webhook_url problems' }).textContent).toContain('must be an absolute URL'),
      SLOW,
    );
    // An empty field the user has not been to is not scolded; trying to send shows it, and sends nothing.
    expect(within(form).queryByRole('alert', { name: 'description problems' })).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    expect(within(form).getByRole('alert', { name: 'description problems' }).textContent).toBe(
      'description must be 1-500 characters (it has 0).',
    );
    expect(c.bridge.callsTo('registerAction')).toHaveLength(0);

    typeInto(editorIn(form), '{"type": "objct"');
    const notJson = 'json_schema is not valid JSON: the text ends before the JSON does (“}” missing) (line 1, column 17).';
    await waitFor(() => expect(within(form).getByRole('alert', { name: 'json_schema problems' }).textContent).toBe(notJson), SLOW);
    // Still alone once the fields' check has come back: a schema that does not parse is not called missing too.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(within(form).getByRole('alert', { name: 'json_schema problems' }).textContent).toBe(notJson);
    // Register here stays where it was, blocked by that problem, rather than going while the schema is typed.
    const hereButton = within(within(form).getByRole('region', { name: 'Register here' })).getByRole('button', {
      name: /^Register .* here$/,
    }) as HTMLButtonElement;
    expect(hereButton.disabled).toBe(true);
    expect(hereButton.title).toBe('Fix the name, description and schema first.');
    typeInto(editorIn(form), '{"type": "objct"}');
    await waitFor(
      () =>
        expect(within(form).getByRole('alert', { name: 'json_schema problems' }).textContent).toContain(
          'json_schema is not a valid JSON Schema: json_schema.type must be one of "array", "boolean", "integer", "null", "number", "object", "string", not "objct".',
        ),
      SLOW,
    );

    const name = within(form).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'create_ticket');
    await user.type(within(form).getByLabelText('Description'), 'Opens a ticket');
    const url = within(form).getByLabelText('Webhook URL');
    await user.clear(url);
    await user.type(url, handlerUrl(handler(), 'create_ticket'));
    typeInto(editorIn(form), '{"type": "object"}');
    await waitFor(() => expect(within(form).queryAllByRole('alert')).toHaveLength(0), SLOW);
    expect(c.bridge.callsTo('registerAction')).toHaveLength(0);

    // Flowent's 409, in words.
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    expect((await within(form).findByRole('alert', { name: 'Flowent error' })).textContent).toContain(
      'An action "create_ticket" already exists on Flowent.',
    );

    await user.clear(name);
    await user.type(name, 'open_ticket');
    await waitFor(() => expect(c.bridge.callsTo('checkAction').at(-1)?.[0]).toMatchObject({ name: 'open_ticket' }), SLOW);
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    const table = await within(dialog).findByRole('table', { name: 'Actions' });
    expect(within(table).getByTestId('action-row-open_ticket').textContent).toContain(handlerUrl(handler(), 'create_ticket'));
    expect(c.bridge.callsTo('registerAction')[1]?.[0]).toEqual({
      name: 'open_ticket',
      description: 'Opens a ticket',
      webhook_url: handlerUrl(handler(), 'create_ticket'),
      json_schema: { type: 'object' },
    });
  });
});
