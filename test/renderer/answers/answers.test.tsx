// @vitest-environment happy-dom
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_MOCK_TEXT, EXAMPLE_MOCK } from '../../../renderer/src/answers/example-mock';
import { useCompanion } from '../harness/companion';
import { editorIn, typeInto } from '../harness/editor-kit';
import { makeTempDir } from '../../helpers/temp-dir';
import { openCall, renderApp } from '../harness/render';
import { openForwardedCall } from '../harness/forwarded-call';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { openAnswers } from './answers-kit';

const companion = useCompanion();
const handler = useHandler();

/** Past the 300 ms debounce with room for a loaded machine. */
const SLOW = { timeout: 3000 };

const DEFAULT_MOCK = '{"status": 200, "body": {"result": "from the default", "error": ""}}';

describe('answers: mode and forward target', () => {
  it('saves the mode and the target for the picked action, and shows refusals inline', async () => {
    const { dialog, user, bridge } = await openAnswers(companion());
    const picker = within(dialog).getByRole('combobox', { name: 'Answers for' });
    expect([...(picker as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['Default for all actions', 'send_email']);
    await user.selectOptions(picker, 'send_email');
    const route = within(dialog).getByRole('region', { name: 'Answer mode' });

    await user.selectOptions(within(route).getByRole('combobox', { name: 'Answer mode' }), 'mock');
    expect(bridge.callsTo('setAnswerMode')).toEqual([['send_email', 'mock']]);
    await waitFor(() => expect((within(route).getByRole('combobox', { name: 'Answer mode' }) as HTMLSelectElement).value).toBe('mock'));

    const input = within(route).getByLabelText('Forward target URL');
    await user.type(input, 'localhost:8000');
    await user.click(within(route).getByRole('button', { name: 'Save target' }));
    expect((await within(route).findByRole('alert', { name: 'Target error' })).textContent).toBe(
      '"localhost:8000" must start with http:// or https://.',
    );

    await user.clear(input);
    await user.click(input);
    await user.paste('http://localhost:8000/actions/{action_name}');
    await user.click(within(route).getByRole('button', { name: 'Save target' }));
    await waitFor(() => expect(within(route).queryByRole('alert', { name: 'Target error' })).toBeNull());
    // Setting a target switches the action to forwarding (as the core does).
    await waitFor(() => expect((within(route).getByRole('combobox', { name: 'Answer mode' }) as HTMLSelectElement).value).toBe('forward'));
    const { routes } = await companion().api.getAnswerSettings();
    expect(routes).toMatchObject([{ action: 'send_email', mode: 'forward', target: 'http://localhost:8000/actions/{action_name}' }]);
  });

  it('"not set" says what the action gets with its own target kept: forward, as the table and the core have it', async () => {
    const { dialog, user } = await openAnswers(companion());
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
    const route = within(dialog).getByRole('region', { name: 'Answer mode' });
    const mode = () => within(route).getByRole('combobox', { name: 'Answer mode' }) as HTMLSelectElement;
    await user.selectOptions(mode(), 'forward');
    await waitFor(() => expect(mode().value).toBe('forward'));
    await user.click(within(route).getByLabelText('Forward target URL'));
    await user.paste('http://127.0.0.1:47111/h/{action_name}');
    await user.click(within(route).getByRole('button', { name: 'Save target' }));
    await screen.findByText('Forward target saved');
    await user.selectOptions(mode(), '');
    await waitFor(() => expect(mode().value).toBe(''));
    await waitFor(async () =>
      expect((await companion().api.getAnswerSettings()).routes).toMatchObject([
        { action: 'send_email', mode: null, target: 'http://127.0.0.1:47111/h/{action_name}' },
      ]),
    );
    expect(mode().options[0]!.textContent).toBe('Same as the default: forward, as a target is set');
    const row = within(within(dialog).getByRole('table', { name: 'What answers each action' })).getByRole('row', { name: /^send_email/ });
    expect(row.textContent).toContain('your handler (http://127.0.0.1:47111/h/{action_name})');
  });

  it('with no target set, an empty (or blank) target field saves nothing and claims no removal', async () => {
    const { dialog, user, bridge } = await openAnswers(companion());
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
    const route = within(dialog).getByRole('region', { name: 'Answer mode' });
    const save = within(route).getByRole('button', { name: 'Save target' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(save.title).toBe('Type a URL to save: send_email has no target to remove');
    const input = within(route).getByLabelText('Forward target URL');
    await user.type(input, '   ');
    expect(save.disabled).toBe(true);
    // Enter in the field does not submit it either.
    await user.type(input, '{Enter}');
    await user.click(save);
    expect(bridge.callsTo('setForwardTarget')).toEqual([]);
    expect(screen.queryByText('Forward target removed')).toBeNull();

    // A target set, emptying the field offers to remove it, and the toast says so truly.
    await user.clear(input);
    await user.click(input);
    await user.paste('http://127.0.0.1:47111/h/{action_name}');
    expect(save.disabled).toBe(false);
    await user.click(save);
    await screen.findByText('Forward target saved');
    await user.clear(input);
    await user.click(within(route).getByRole('button', { name: 'Remove target' }));
    await screen.findByText('Forward target removed');
    expect(bridge.callsTo('setForwardTarget')).toEqual([
      ['send_email', 'http://127.0.0.1:47111/h/{action_name}'],
      ['send_email', null],
    ]);
  });

  it('shows the startup target, the forward timeout and what happens when the handler is unreachable', async () => {
    const c = await companion.restart({
      core: { forwardTarget: 'http://localhost:9000/{action_name}', forwardTimeoutMs: 25_000, fallbackToMock: true },
    });
    const { dialog } = await openAnswers(c);
    const route = within(dialog).getByRole('region', { name: 'Answer mode' });
    expect(within(route).getByTestId('startup-forward-target').textContent).toBe('http://localhost:9000/{action_name}');
    expect(route.textContent).toContain('25.00 s');
    expect(route.textContent).toContain('answer with the mock');
  });

  it('shows a refused mode change inline: the project answer file has a mistake, and the edit in it is kept', async () => {
    const root = makeTempDir('fc-page-project-');
    const dir = join(root.path, 'flowent');
    mkdirSync(join(dir, 'answers'), { recursive: true });
    mkdirSync(join(dir, 'actions'));
    const broken = 'version: 1\nbody: {result: "unclosed", error: ""\n';
    writeFileSync(join(dir, 'answers', 'send_email.yaml'), broken);
    try {
      const { dialog, user } = await openAnswers(await companion.restart({ core: { projectDir: dir } }));
      await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
      const route = within(dialog).getByRole('region', { name: 'Answer mode' });
      await user.selectOptions(within(route).getByRole('combobox', { name: 'Answer mode' }), 'forward');
      const refusal = (await within(route).findByRole('alert', { name: 'Mode error' })).textContent;
      expect(refusal).toMatch(/^answers\/send_email\.yaml has a mistake \(.*not valid YAML.*, line 2\)\. /);
      expect(refusal).toContain('Fix the file first, so the change does not overwrite your edit.');
      expect(readFileSync(join(dir, 'answers', 'send_email.yaml'), 'utf8')).toBe(broken);
    } finally {
      await companion.restart({});
      root.remove();
    }
  });
});

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

describe('answers: unsaved mock edits on every way out of the editor', () => {
  const DRAFT = '{"status": 201, "body": {"result": "my careful draft", "error": ""}}';

  /** The dialog on send_email with DRAFT typed in its mock, over a history that knows charge_card too. */
  async function draftOnSendEmail() {
    const c = companion();
    await c.send('charge_card');
    const view = await openAnswers(c, 1);
    await view.user.click(within(table(view.dialog)).getByRole('button', { name: 'send_email' }));
    await waitFor(() => expect(picker(view.dialog).value).toBe('send_email'));
    typeInto(editorIn(mockOf(view.dialog)), DRAFT);
    return view;
  }
  const table = (dialog: HTMLElement) => within(dialog).getByRole('table', { name: 'What answers each action' });
  const picker = (dialog: HTMLElement) => within(dialog).getByRole('combobox', { name: 'Answers for' }) as HTMLSelectElement;
  const mockOf = (dialog: HTMLElement) => within(dialog).getByRole('region', { name: 'Mock' });
  const editorText = async (dialog: HTMLElement) => {
    await waitFor(() => editorIn(mockOf(dialog)));
    return editorIn(mockOf(dialog)).state.doc.toString();
  };

  it('clicking another action keeps the draft, marks the row (no toast over the editor), and gives it back on return', async () => {
    const { dialog, user } = await draftOnSendEmail();
    await user.click(within(table(dialog)).getByRole('button', { name: 'charge_card' }));
    await waitFor(() => expect(picker(dialog).value).toBe('charge_card'));
    expect(await editorText(dialog)).not.toContain('my careful draft');
    expect(document.querySelectorAll('.toast')).toHaveLength(0);
    expect(within(table(dialog)).getByRole('row', { name: /^send_email/ }).textContent).toContain('unsaved');
    expect(within(table(dialog)).getByRole('row', { name: /^charge_card/ }).textContent).not.toContain('unsaved');

    await user.click(within(table(dialog)).getByRole('button', { name: 'send_email' }));
    await waitFor(() => expect(picker(dialog).value).toBe('send_email'));
    expect(await editorText(dialog)).toBe(DRAFT);
    // Still unsaved: Esc still asks, naming it.
    await user.keyboard('{Escape}');
    expect(within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' }).textContent).toContain(
      'the mock of send_email',
    );
    expect(screen.getByRole('dialog', { name: 'Answers' })).toBeTruthy();
  });

  it('choosing another action in "Answers for" keeps the draft, and Esc from there asks about it', async () => {
    const { dialog, user } = await draftOnSendEmail();
    await user.selectOptions(picker(dialog), 'charge_card');
    await waitFor(() => expect(picker(dialog).value).toBe('charge_card'));
    await user.keyboard('{Escape}');
    expect(within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' }).textContent).toContain(
      'the mock of send_email',
    );
    expect(screen.getByRole('dialog', { name: 'Answers' })).toBeTruthy();
    await user.selectOptions(picker(dialog), 'send_email');
    expect(await editorText(dialog)).toBe(DRAFT);
  });

  it('two drafts and Esc: one question in place, no toasts stacked over the editor', async () => {
    const { dialog, user } = await draftOnSendEmail();
    await user.click(within(table(dialog)).getByRole('button', { name: 'charge_card' }));
    await waitFor(() => expect(picker(dialog).value).toBe('charge_card'));
    typeInto(editorIn(mockOf(dialog)), DRAFT);
    await user.click(within(table(dialog)).getByRole('button', { name: 'send_email' }));
    await waitFor(() => expect(picker(dialog).value).toBe('send_email'));
    await user.keyboard('{Escape}');
    const ask = within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' });
    expect(ask.textContent).toContain('Unsaved changes to the mocks of charge_card and send_email: discard them and close');
    // Esc again does not discard: it takes the question's safe choice, keeping the edits and the dialog.
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByRole('group', { name: 'Confirm discarding unsaved changes' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Answers' })).toBeTruthy();
    expect(document.querySelectorAll('.toast')).toHaveLength(0);
    await user.keyboard('{Escape}');
    const askedAgain = within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' });
    await user.click(within(askedAgain).getByRole('button', { name: 'Discard and close' }));
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();
  });

  it('saving the draft ends it: the row mark goes, and × closes at once', async () => {
    const { dialog, user } = await draftOnSendEmail();
    await user.click(within(mockOf(dialog)).getByRole('button', { name: 'Save mock' }));
    await screen.findByText('Mock saved');
    expect(within(table(dialog)).getByRole('row', { name: /^send_email/ }).textContent).not.toContain('unsaved');
    await user.click(within(dialog).getByRole('button', { name: 'Close answers' }));
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();
  });

  it('× over a draft asks first, naming it: "Keep editing" keeps it, "Discard and close" drops it', async () => {
    const { dialog, user } = await draftOnSendEmail();
    await user.click(within(table(dialog)).getByRole('button', { name: 'charge_card' }));
    await user.click(within(dialog).getByRole('button', { name: 'Close answers' }));
    const ask = within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' });
    expect(ask.textContent).toContain('Unsaved changes to the mock of send_email: discard them and close, or keep editing and save first?');
    // The safe choice has the focus.
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Keep editing' }));

    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(within(dialog).queryByRole('group', { name: 'Confirm discarding unsaved changes' })).toBeNull();
    // Back on the edited mock, where its Save button is.
    await waitFor(() => expect(picker(dialog).value).toBe('send_email'));
    expect(await editorText(dialog)).toBe(DRAFT);

    await user.click(within(dialog).getByRole('button', { name: 'Close answers' }));
    await user.click(within(dialog).getByRole('button', { name: 'Discard and close' }));
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();
    expect((await companion().api.getAnswerSettings()).mocks).toEqual([]);
  });
});

describe('answers: live updates', () => {
  it('a mock stored elsewhere (the command line) shows: the answers-changed event refetches the settings', async () => {
    const { mock, bridge } = await openAnswers(companion());
    expect(within(mock).getByTestId('mock-stored').textContent).toContain('No default mock');
    const before = bridge.callsTo('getAnswerSettings').length;
    // Stored from the command line: the core announces it.
    const stored = await companion().core.api.setMock(null, '{"status": 200, "body": {"result": "ok", "error": ""}}', 'json');
    expect(stored.ok).toBe(true);
    await waitFor(() =>
      expect(within(mock).getByTestId('mock-stored').textContent).toContain('A mock is stored for every action without its own mock'),
    );
    expect(bridge.callsTo('getAnswerSettings')).toHaveLength(before + 1);
  });
});

describe('answers: keyboard', () => {
  it('Esc over an edited mock asks as × does; after saving, one Esc closes', async () => {
    const { user, mock, dialog } = await openAnswers(companion());
    await user.click(within(mock).getByRole('button', { name: 'Insert example' }));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Answers' })).toBeTruthy();
    const ask = within(dialog).getByRole('group', { name: 'Confirm discarding unsaved changes' });
    expect(ask.textContent).toContain('Unsaved changes to the default mock: discard them and close, or keep editing and save first?');
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByText(/press Esc again/)).toBeNull();
    await user.click(within(mock).getByRole('button', { name: 'Save mock' }));
    await screen.findByText('Mock saved');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();
  });

  it('a opens the dialog, Esc closes it; ? lists the shortcuts', async () => {
    const { bridge } = companion();
    const { user } = renderApp(bridge);
    await waitFor(() => expect(bridge.callsTo('getStats')).toHaveLength(1));
    await user.keyboard('a');
    await screen.findByRole('dialog', { name: 'Answers' });
    expect(bridge.callsTo('getAnswerSettings')).toHaveLength(1);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();

    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const keys of ['↑ / ↓ or k / j', '/', 'Esc', 'c', 'a', 'p', 'f', ',', 'r', 's', 'e', '?'])
      expect(within(help).getByText(keys)).toBeTruthy();
    // None that a browser or the OS keeps for itself.
    expect(help.textContent).not.toMatch(/Shift\+[BCS]|Cmd\+M/);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });
});

describe('answers: which answer applies, by the route', () => {
  const stored = (dialog: HTMLElement) =>
    within(within(dialog).getByRole('region', { name: 'Mock' })).getByTestId('mock-stored').textContent;

  it('an action that forwards does not claim the built-in answer: it is what --fallback-to-mock would give', async () => {
    const c = companion();
    await c.api.setForwardTarget('send_email', 'http://127.0.0.1:47111/h/{action_name}');
    await c.api.setAnswerMode('send_email', null);
    const { dialog, user } = await openAnswers(c);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
    await waitFor(() =>
      expect(stored(dialog)).toBe(
        'No mock of its own: send_email forwards to your handler (a forward target is set); with --fallback-to-mock, ' +
          'the built-in answer {"result":"ok","error":""} would answer when the handler gives none.',
      ),
    );
    expect(stored(dialog)).not.toContain('answers with the built-in answer');
  });

  it('says the built-in answer does answer when the handler gives none, with --fallback-to-mock on', async () => {
    const c = await companion.restart({ core: { forwardTarget: 'http://127.0.0.1:47111/{action_name}', fallbackToMock: true } });
    try {
      const { dialog, user } = await openAnswers(c);
      await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
      await waitFor(() =>
        expect(stored(dialog)).toBe(
          'No mock of its own: send_email forwards to your handler (a forward target is set); when the handler gives no answer, ' +
            'the built-in answer {"result":"ok","error":""} answers (--fallback-to-mock).',
        ),
      );
    } finally {
      await companion.restart({});
    }
  });
});

describe('answers: a mock made from an answer of an action that forwards', () => {
  it('says the mock does not answer yet, opens the action in Answers, and one click makes it answer', async () => {
    const c = companion();
    const { pane, user } = await openForwardedCall(c, 'create_ticket', handlerUrl(handler(), 'ok'));
    await user.click(within(pane).getByRole('button', { name: 'Make a mock from this answer' }));
    await screen.findByText(
      'Saved as the mock for create_ticket, but create_ticket forwards to your handler, so the mock does not answer yet.',
    );
    const dialog = await screen.findByRole('dialog', { name: 'Answers' });
    expect((within(dialog).getByRole('combobox', { name: 'Answers for' }) as HTMLSelectElement).value).toBe('create_ticket');
    const mock = within(dialog).getByRole('region', { name: 'Mock' });
    await waitFor(() =>
      expect(within(mock).getByTestId('mock-stored').textContent).toMatch(
        /^A mock is stored for create_ticket \(updated [^)]+\), but it does not answer: create_ticket forwards to your handler \(its mode is Forward\)/,
      ),
    );

    await user.click(within(mock).getByRole('button', { name: 'Answer create_ticket with its mock' }));
    expect(c.bridge.callsTo('setAnswerMode')).toEqual([['create_ticket', 'mock']]);
    await waitFor(() => expect(within(mock).queryByRole('button', { name: 'Answer create_ticket with its mock' })).toBeNull());
    expect(within(mock).getByTestId('mock-stored').textContent).toMatch(/^A mock is stored for create_ticket \(updated [^)]+\)\.$/);
    // The core answers with the mock now: the handler's answer, byte for byte.
    await c.send('create_ticket');
    const [handled, mocked] = [(await c.api.getCall(1))!, (await c.api.getCall(2))!];
    expect(mocked.answeredBy).toBe('mock');
    expect(mocked.response.body).toBe(handled.response.body);
  });

  it('an action answered by mocks gets the toast alone', async () => {
    const c = companion();
    await c.send('create_ticket');
    const { pane, user } = await openCall(c.bridge, 1);
    await user.click(within(pane).getByRole('button', { name: 'Make a mock from this answer' }));
    await screen.findByText('Saved as the mock for create_ticket');
    expect(screen.queryByRole('dialog', { name: 'Answers' })).toBeNull();
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
