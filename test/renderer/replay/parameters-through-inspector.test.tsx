// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, type Companion } from '../harness/companion';
import { editorIn, typeInto } from '../harness/editor-kit';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { renderApp } from '../harness/render';

// Parameters sent from the page served by `serve`: over the real inspector server and its HTTP
// API, as big as Flowent's own 1 MB allows, and whatever keeps them from going said where they
// were typed (the simulator, the replay editor), never in a banner behind the dialog.
const companion = useCompanion({ mode: 'headless' });
const handler = useHandler();

const listedIds = () => [...document.querySelectorAll('[data-call-id]')].map((row) => Number(row.getAttribute('data-call-id')));
const banners = () => [...document.querySelectorAll('.banner-error')].map((b) => b.textContent);
const blob = (size: number) => JSON.stringify({ blob: 'y'.repeat(size) });

/** The page as `serve` serves it, over two send_email calls that replays and simulated calls send to the handler. */
async function browserPage(): Promise<{ c: Companion } & ReturnType<typeof renderApp>> {
  const c = companion();
  await c.send('send_email', { to: 'a@example.com' });
  await c.send('send_email', { to: 'b@example.com' });
  await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'ok'));
  const view = renderApp(await c.browserBridge());
  await waitFor(() => expect(listedIds()).toHaveLength(2));
  return { c, ...view };
}

async function openSimulator(view: Awaited<ReturnType<typeof browserPage>>) {
  await view.user.click(screen.getByRole('button', { name: 'Simulate' }));
  const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
  await waitFor(() => expect((within(dialog).getByRole('combobox', { name: 'Action' }) as HTMLInputElement).value).toBe('send_email'));
  await waitFor(() => editorIn(dialog));
  return dialog;
}

async function openEditor(view: Awaited<ReturnType<typeof browserPage>>) {
  await view.user.click(document.querySelector<HTMLElement>('[data-call-id="2"]')!);
  const pane = await screen.findByRole('complementary', { name: 'Call details' });
  await view.user.click(await within(pane).findByRole('button', { name: 'Edit parameters…' }));
  const editor = await within(pane).findByRole('group', { name: 'Edit parameters' });
  await waitFor(() => editorIn(editor));
  return { pane, editor };
}

describe('parameters sent from the browser inspector', () => {
  it('simulates a call with 100 KB of parameters', async () => {
    const view = await browserPage();
    const dialog = await openSimulator(view);
    const before = (await handler().received()).length;
    typeInto(editorIn(dialog), blob(100_000));
    await view.user.click(within(dialog).getByRole('button', { name: 'Send' }));
    const result = await within(dialog).findByRole('region', { name: 'Simulator result' }, { timeout: 10_000 });
    expect(result.textContent).toContain('meets Flowent’s contract');
    const received = (await handler().received()).slice(before);
    expect(JSON.parse(received.at(-1)!.body.toString()).parameters.blob).toHaveLength(100_000);
    expect(within(dialog).queryByRole('alert', { name: 'Simulator error' })).toBeNull();
    expect(banners()).toEqual([]);
  });

  it('replays a call with 200 KB of edited parameters', async () => {
    const view = await browserPage();
    const { pane, editor } = await openEditor(view);
    typeInto(editorIn(editor), blob(200_000));
    await view.user.click(within(editor).getByRole('button', { name: 'Replay edited' }));
    await within(pane).findByRole('region', { name: 'Replay result' }, { timeout: 10_000 });
    expect(JSON.parse((await handler().received()).at(-1)!.body.toString()).parameters.blob).toHaveLength(200_000);
    expect(banners()).toEqual([]);
  });

  it('says in the simulator, not in a banner behind it, why a call was not sent', async () => {
    const view = await browserPage();
    const dialog = await openSimulator(view);
    typeInto(editorIn(dialog), '{"to": "c@example.com"}');
    // A request the inspector refuses (a target over its length limit) is said where Send was pressed.
    await view.user.click(within(dialog).getByRole('textbox', { name: 'Simulator target URL' }));
    await view.user.paste(`http://127.0.0.1/${'a'.repeat(2100)}`);
    await view.user.click(within(dialog).getByRole('button', { name: 'Send' }));
    const refused = await within(dialog).findByRole('alert', { name: 'Simulator error' });
    expect(refused.textContent).toMatch(/^Nothing was sent: .*target.* must be a URL of at most 2048 characters/);
    expect(banners()).toEqual([]);

    // The companion gone (serve stopped): said there too, with what to do.
    await view.user.clear(within(dialog).getByRole('textbox', { name: 'Simulator target URL' }));
    await view.c.stopInspector();
    await view.user.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert', { name: 'Simulator error' }).textContent).toBe(
        'Nothing was sent: the companion could not be reached. Check that it is still running (the serve command, or the app), then try again.',
      ),
    );
    expect(banners()).toEqual([]);
  });

  it('says in the simulator, not in a banner behind it, why a schema was not saved', async () => {
    const view = await browserPage();
    const dialog = await openSimulator(view);
    await view.user.click(within(dialog).getByRole('button', { name: 'Define a schema here' }));
    await view.user.click(within(dialog).getByLabelText('Schema to define'));
    await view.user.paste('{"type": "object"}');
    await view.c.stopInspector();
    await view.user.click(within(dialog).getByRole('button', { name: 'Save the schema' }));
    expect((await within(dialog).findByRole('alert', { name: 'Schema error' })).textContent).toBe(
      'The schema was not saved: the companion could not be reached. Check that it is still running (the serve command, or the app), then try again.',
    );
    expect(banners()).toEqual([]);
  });

  it('says in the replay editor why an edited replay was not sent', async () => {
    const view = await browserPage();
    const { editor } = await openEditor(view);
    typeInto(editorIn(editor), '{"to": "c@example.com"}');
    await view.c.stopInspector();
    await view.user.click(within(editor).getByRole('button', { name: 'Replay edited' }));
    expect((await within(editor).findByRole('alert', { name: 'Edited replay error' })).textContent).toMatch(
      /^Nothing was sent: the companion could not be reached\. Check that it is still running/,
    );
    expect(banners()).toEqual([]);
  });

  it('words a JSON mistake plainly with its place, and measures the parameters against Flowent’s 1 MB', async () => {
    const view = await browserPage();
    const dialog = await openSimulator(view);
    const problem = () => within(dialog).getByLabelText('Parameters problem').textContent;
    typeInto(editorIn(dialog), '{"title": }');
    expect(problem()).toBe('Not valid JSON: a value is missing before “}” (line 1, column 11).');
    typeInto(editorIn(dialog), '{\n  "title": "x",\n  body: 1\n}');
    expect(problem()).toBe('Not valid JSON: a property name must be in double quotes (line 3, column 3).');
    typeInto(editorIn(dialog), blob(1024 * 1024));
    expect(problem()).toBe(
      'The parameters are 1,048,587 bytes, over Flowent’s limit of 1 MB for a whole call: Flowent never sends one that big. Make them smaller.',
    );
    expect((within(dialog).getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);

    await view.user.click(within(dialog).getByRole('button', { name: 'Close the simulator' }));
    const { editor } = await openEditor(view);
    typeInto(editorIn(editor), '{"to": "a@example.com",}');
    expect(within(editor).getByLabelText('Parameters problem').textContent).toBe(
      'Not valid JSON: a comma must not come before “}” (line 1, column 24).',
    );
  });
});
