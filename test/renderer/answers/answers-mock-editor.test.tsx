// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_MOCK_TEXT, EXAMPLE_MOCK } from '../../../renderer/src/answers/example-mock';
import { useCompanion } from '../harness/companion';
import { editorIn, typeInto } from '../harness/editor-kit';
import { openAnswers } from './answers-kit';

const companion = useCompanion();

/** Past the 300 ms debounce with room for a loaded machine. */
const SLOW = { timeout: 3000 };

const DEFAULT_MOCK = '{"status": 200, "body": {"result": "from the default", "error": ""}}';

describe('answers: the mock editor', () => {
  it('shows the core check as lint marks and a problem list, debounced', async () => {
    const { mock, editor, bridge } = await openAnswers(companion());
    await waitFor(() => expect(bridge.callsTo('checkMock')).toHaveLength(1), SLOW);
    const before = bridge.callsTo('checkMock').length;
    typeInto(editor, '{"status": 200');
    typeInto(editor, '{"status": 200,\n "body": }');
    await waitFor(() => expect(within(mock).getByRole('list', { name: 'Mock problems' })).toBeTruthy(), SLOW);
    await waitFor(() => expect(mock.querySelector('.cm-lintRange-error')).toBeTruthy(), SLOW);
    // Two edits within 300 ms are checked once, with the last text.
    expect(bridge.callsTo('checkMock').slice(before)).toEqual([['{"status": 200,\n "body": }', 'json']]);
    const problems = within(mock).getByRole('list', { name: 'Mock problems' });
    expect(problems.textContent).toBe('Not valid JSON: a value is missing before “}” (line 2, column 10).');

    typeInto(editor, '{"status": 700, "colour": 1}');
    await waitFor(
      () =>
        expect(within(mock).getByRole('list', { name: 'Mock problems' }).textContent).toContain('status: status must be an HTTP status'),
      SLOW,
    );
    // The editor's marks follow the problem list on the next view update: wait for them too.
    await waitFor(() => expect([...mock.querySelectorAll('.cm-lintRange-error')].map((m) => m.textContent)).toEqual(['700', '1']), SLOW);

    typeInto(editor, '{"status": 201}');
    await waitFor(() => expect(within(mock).queryByRole('list', { name: 'Mock problems' })).toBeNull(), SLOW);
    await waitFor(() => expect(mock.querySelector('.cm-lintRange-error')).toBeNull(), SLOW);
  });

  it('YAML typed with Format at JSON says so, and which control reads it as YAML', async () => {
    const { mock, editor, user } = await openAnswers(companion());
    typeInto(editor, 'status: 200\nbody:\n  result: ok\n  error: ""\n');
    await waitFor(
      () =>
        expect(within(mock).getByRole('list', { name: 'Mock problems' }).textContent).toBe(
          'Not valid JSON: a text value must be in double quotes (found “status”) (line 1, column 1). It looks like YAML: set Format to YAML.',
        ),
      SLOW,
    );
    await user.selectOptions(within(mock).getByRole('combobox', { name: /Format/ }), 'yaml');
    await waitFor(() => expect(within(mock).queryByRole('list', { name: 'Mock problems' })).toBeNull(), SLOW);
  });

  it("marks what a mock's answer breaks of Flowent's contract, in the call details' words, and still saves it", async () => {
    const { mock, editor, user } = await openAnswers(companion());
    const text = '{"status": 200, "body": {"result": 5, "error": ""}}';
    typeInto(editor, text);
    const warnings = await within(mock).findByRole('list', { name: 'Contract warnings' }, SLOW);
    // The words the call's details say of a mock that answered so (main/core/protocol/answer-check.ts).
    expect(warnings.textContent).toBe(
      'body.result: the mock answered 200 but result is a number; Flowent expects a string (use JSON.stringify for structured data).',
    );
    expect(within(mock).queryByRole('list', { name: 'Mock problems' })).toBeNull();
    await waitFor(() => expect([...mock.querySelectorAll('.cm-lintRange-warning')].map((m) => m.textContent)).toEqual(['5']), SLOW);

    // A failing answer may be the point: it saves, warnings and all.
    await user.click(within(mock).getByRole('button', { name: 'Save mock' }));
    await screen.findByText('Mock saved');
    expect((await companion().api.getAnswerSettings()).mocks).toMatchObject([{ action: null, text }]);

    typeInto(editor, '{"status": 500, "body": ["ok"]}');
    await waitFor(
      () =>
        expect(within(mock).getByRole('list', { name: 'Contract warnings' }).textContent).toContain(
          'status: the mock answered 500; Flowent treats anything but 2xx as a failed action',
        ),
      SLOW,
    );
    expect(within(mock).getByRole('list', { name: 'Contract warnings' }).textContent).toContain(
      'body: the mock answered 500 but the body is an array, not an object',
    );
    await waitFor(
      () => expect([...mock.querySelectorAll('.cm-lintRange-warning')].map((m) => m.textContent)).toEqual(['500', '["ok"]']),
      SLOW,
    );

    // Written as YAML, the warning is placed on its line too.
    await user.selectOptions(within(mock).getByRole('combobox', { name: /Format/ }), 'yaml');
    typeInto(editor, 'status: 200\nbody:\n  error: ""\n');
    await waitFor(
      () =>
        expect(within(mock).getByRole('list', { name: 'Contract warnings' }).textContent).toContain(
          'body: the mock answered 200 but the body has no result; Flowent requires it, as a string.',
        ),
      SLOW,
    );
    await waitFor(() => expect(mock.querySelector('.cm-lintRange-warning')).toBeTruthy(), SLOW);

    // A template renders to a string: what it gives is not known, so it is not warned about.
    await user.selectOptions(within(mock).getByRole('combobox', { name: /Format/ }), 'json');
    typeInto(editor, '{"status": 200, "body": {"result": "{{parameters.recipient}}", "error": "{{parameters.reason}}"}}');
    await waitFor(() => expect(within(mock).queryByRole('list', { name: 'Contract warnings' })).toBeNull(), SLOW);
  });

  it('inserts the example, saves it for the action, and clears it', async () => {
    const { dialog, user, bridge } = await openAnswers(companion());
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
    const mock = within(dialog).getByRole('region', { name: 'Mock' });
    await waitFor(() => editorIn(mock));
    expect(within(mock).getByTestId('mock-stored').textContent).toContain('No mock of its own');
    await user.click(within(mock).getByRole('button', { name: 'Insert example' }));
    expect(editorIn(mock).state.doc.toString()).toBe(EXAMPLE_MOCK);
    expect(EXAMPLE_MOCK).toContain('"path": "parameters.recipient"');
    expect(EXAMPLE_MOCK).toContain('"result": "Sent to {{parameters.recipient}}", "error": ""');

    await user.click(within(mock).getByRole('button', { name: 'Save mock' }));
    expect(bridge.callsTo('setMock')).toEqual([['send_email', EXAMPLE_MOCK, 'json']]);
    await screen.findByText('Mock saved');
    // The core answers send_email with it now.
    await companion().send('send_email', { recipient: 'ada@example.com' });
    expect(JSON.parse((await companion().api.getCall(2))!.response.body)).toMatchObject({ result: 'Sent to ada@example.com' });
    await waitFor(() => expect(within(mock).getByTestId('mock-stored').textContent).toContain('A mock is stored for send_email'));
    // On the 24-hour clock, as every other time on the screen.
    expect(within(mock).getByTestId('mock-stored').textContent).toMatch(/\(updated [^)]* \d{1,2}:\d{2}:\d{2}\)\.$/);

    // Clearing asks first, saying what answers after; "Keep it" keeps the mock.
    await user.click(within(mock).getByRole('button', { name: 'Clear mock' }));
    const ask = within(mock).getByRole('group', { name: 'Confirm clearing the mock' });
    expect(ask.textContent).toContain(
      'Clear the mock of send_email? It is deleted, not kept anywhere. Afterwards: No mock of its own: send_email answers with the built-in answer {"result":"ok","error":""}.',
    );
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Keep it' }));
    await user.click(within(ask).getByRole('button', { name: 'Keep it' }));
    expect(bridge.callsTo('clearMock')).toEqual([]);

    await user.click(within(mock).getByRole('button', { name: 'Clear mock' }));
    await user.click(within(mock).getByRole('button', { name: 'Clear the mock' }));
    expect(bridge.callsTo('clearMock')).toEqual([['send_email']]);
    await waitFor(() => expect(within(mock).getByTestId('mock-stored').textContent).toContain('No mock of its own'));
    expect((await companion().api.getAnswerSettings()).mocks).toEqual([]);
    // The editor does not go on holding the deleted mock as if it were stored: it starts again, with nothing unsaved.
    expect(editorIn(mock).state.doc.toString()).toBe(DEFAULT_MOCK_TEXT);
    const row = within(within(dialog).getByRole('table', { name: 'What answers each action' })).getByRole('row', { name: /^send_email/ });
    expect(row.textContent).not.toContain('unsaved');
    await user.click(within(dialog).getByRole('button', { name: 'Close answers' }));
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();
  });

  it('an action without a mock of its own says what it answers with: the default mock, or with none the built-in answer', async () => {
    const { dialog, user } = await openAnswers(companion());
    const picker = within(dialog).getByRole('combobox', { name: 'Answers for' });
    const stored = () => within(within(dialog).getByRole('region', { name: 'Mock' })).getByTestId('mock-stored').textContent;
    const row = () =>
      within(within(dialog).getByRole('table', { name: 'What answers each action' })).getByRole('row', { name: /^send_email/ });
    expect((await companion().api.setMock(null, DEFAULT_MOCK, 'json')).ok).toBe(true);
    await user.selectOptions(picker, 'send_email');
    await waitFor(() => expect(stored()).toBe('No mock of its own: send_email uses the default.'));
    expect(row().textContent).toContain('the default mock');

    // The default mock cleared in the dialog: send_email gets the built-in answer, as the table says.
    await user.selectOptions(picker, '');
    await user.click(within(within(dialog).getByRole('region', { name: 'Mock' })).getByRole('button', { name: 'Clear mock' }));
    await user.click(within(within(dialog).getByRole('region', { name: 'Mock' })).getByRole('button', { name: 'Clear the mock' }));
    await waitFor(() => expect(stored()).toBe('No default mock: actions answer {"result":"ok","error":""}.'));
    await user.selectOptions(picker, 'send_email');
    await waitFor(() =>
      expect(stored()).toBe('No mock of its own: send_email answers with the built-in answer {"result":"ok","error":""}.'),
    );
    expect(row().textContent).toContain('the built-in answer {"result":"ok","error":""}');
  });

  it('a refused save shows the message and every problem', async () => {
    const { mock, editor, user, bridge } = await openAnswers(companion());
    typeInto(editor, '{"status": "ok", "extra": true}');
    await user.click(within(mock).getByRole('button', { name: 'Save mock' }));
    expect(bridge.callsTo('setMock')).toEqual([[null, '{"status": "ok", "extra": true}', 'json']]);
    expect((await within(mock).findByRole('alert', { name: 'Mock error' })).textContent).toBe(
      'The mock was not saved: it has 2 problems, listed below.',
    );
    const problems = within(mock).getByRole('list', { name: 'Mock problems' });
    expect(problems.textContent).toContain('extra: unknown field "extra"');
    expect(problems.textContent).toContain('status: status must be an HTTP status');
    expect((await companion().api.getAnswerSettings()).mocks).toEqual([]);
  });
});

describe('answers: template problems in the editor', () => {
  it("says an unknown helper's line and column in the editor's text, once", async () => {
    const { mock, editor, user } = await openAnswers(companion());
    const text = '{\n  "status": 200,\n  "body": {\n    "error": "",\n    "result": "Ticket {{shout parameters.title}}"\n  }\n}';
    typeInto(editor, text);
    const column = text.split('\n')[4]!.indexOf('{{shout') + 1;
    const where = `(line 5, column ${column})`;
    await waitFor(() => expect(within(mock).getByRole('list', { name: 'Mock problems' }).textContent).toContain(where), SLOW);
    // The underline is on the string the helper is in.
    await waitFor(
      () =>
        expect([...mock.querySelectorAll('.cm-lintRange-error')].map((m) => m.textContent)).toEqual([
          '"Ticket {{shout parameters.title}}"',
        ]),
      SLOW,
    );

    await user.click(within(mock).getByRole('button', { name: 'Save mock' }));
    expect((await within(mock).findByRole('alert', { name: 'Mock error' })).textContent).toBe(
      'The mock was not saved: it has a problem, listed below.',
    );
    const said = mock.textContent?.split('unknown helper "shout"').length ?? 0;
    expect(said - 1).toBe(1);
  });
});
