// The Project dialog's plan, for a profile other than the default: an action file with no URL for
// it is a row of its own (the rest is planned), and a schema's diff is in the file's key order
// with the unchanged lines far from the change left out, so a reviewer can map it onto the YAML.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowentGateway } from '../fixtures/flowent-gateway/gateway';
import { makeTempDir } from '../helpers/temp-dir';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';

const API_TOKEN = 'api_e2e_plan_rows';
let production: FlowentGateway;
let staging: FlowentGateway;
let page: Page;
let pageErrors: string[];
const root = makeTempDir('fc-e2e-plan-rows-');
const actions = join(root.path, 'flowent', 'actions');

/** Pulled while only the default profile had a URL for it: nothing for staging. */
const LEGACY_LOOKUP = `version: 1
name: legacy_lookup
description: Look a legacy order up
json_schema: {type: object}
webhook_url:
  default: https://old.example/actions/legacy_lookup
`;

const TICKET_URL = 'https://hooks.example/actions/create_ticket';

/** The file's schema, in the order its author wrote it, with `due` added under properties. */
const CREATE_TICKET = `version: 1
name: create_ticket
description: Open a support ticket
json_schema:
  type: object
  required: [title]
  properties:
    title: {type: string}
    priority: {type: string, enum: [low, normal, high]}
    assignee: {type: string}
    team: {type: string}
    tags: {type: array, items: {type: string}}
    due: {type: string, format: date}
  additionalProperties: false
webhook_url:
  default: ${TICKET_URL}
  staging: ${TICKET_URL}
`;

/** Flowent's copy of the same schema, keys in another order and without `due`: only `due` differs. */
const FLOWENT_SCHEMA = {
  additionalProperties: false,
  properties: {
    assignee: { type: 'string' },
    priority: { enum: ['low', 'normal', 'high'], type: 'string' },
    tags: { items: { type: 'string' }, type: 'array' },
    team: { type: 'string' },
    title: { type: 'string' },
  },
  required: ['title'],
  type: 'object',
};

beforeAll(async () => {
  production = new FlowentGateway({ apiTokens: { [API_TOKEN]: 'tenant-1' } });
  staging = new FlowentGateway({ apiTokens: { [API_TOKEN]: 'tenant-1' } });
  await production.start();
  await staging.start();
  staging.storeAction({
    name: 'create_ticket',
    description: 'Open a support ticket',
    webhook_url: TICKET_URL,
    json_schema: FLOWENT_SCHEMA,
  });
  mkdirSync(actions, { recursive: true });
  mkdirSync(join(root.path, 'flowent', 'answers'));
  writeFileSync(join(actions, 'legacy_lookup.yaml'), LEGACY_LOOKUP);
  writeFileSync(join(actions, 'create_ticket.yaml'), CREATE_TICKET);
});
afterAll(async () => {
  await production?.stop();
  await staging?.stop();
  root.remove();
});

serveInspectorForFile(
  () => ({
    args: ['--project', root.path],
    env: { FLOWENT_BASE_URL: production.baseUrl, FLOWENT_API_TOKEN: API_TOKEN, FLOWENT_API_TOKEN_STAGING: API_TOKEN },
  }),
  (served) => ({ page, pageErrors } = served),
);

/** Adds the staging profile in Flowent account and makes it the one Plan is for, as a user does. */
async function useStaging(): Promise<void> {
  await page.getByRole('navigation', { name: 'Commands' }).getByRole('button', { name: 'Account', exact: true }).click();
  const account = page.getByRole('dialog', { name: 'Flowent account' });
  const profiles = account.getByRole('region', { name: 'Profiles' });
  await profiles.getByRole('button', { name: 'Add profile…' }).click();
  const form = profiles.getByRole('form', { name: 'New profile' });
  await form.getByLabel('Profile name').fill('staging');
  await form.getByLabel('Gateway base URL').fill(staging.baseUrl);
  await form.getByRole('button', { name: 'Save profile' }).click();
  await profiles.getByRole('button', { name: 'Use staging' }).click();
  await expect.poll(() => profiles.getByRole('button', { name: 'Use staging' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Close Flowent account' }).click();
}

describe.sequential('the Project dialog’s plan for another profile', () => {
  it('lists a file with no URL for the profile as a row of its own, and plans the rest with a trimmed schema diff in the file’s order', async () => {
    await useStaging();
    await page.getByRole('navigation', { name: 'Commands' }).getByRole('button', { name: 'Project', exact: true }).click();
    const project = page.getByRole('dialog', { name: 'Project' });
    await project.getByRole('button', { name: 'Plan', exact: true }).click();

    // Not a mistake that hides the whole plan: the row says it is left alone, and what to add.
    await expect
      .poll(() => project.getByTestId('plan-legacy_lookup').textContent())
      .toBe('legacy_lookupno webhook_url for this profileleft alone');
    expect(await project.getByTestId('plan-legacy_lookup-no-url').textContent()).toBe(
      'actions/legacy_lookup.yaml: webhook_url gives no URL for the profile "staging", so apply leaves this action alone for it: ' +
        'add "staging: here" (this companion) or "staging: <your webhook URL>" under webhook_url to plan it',
    );
    expect(await project.getByRole('region', { name: 'Plan' }).getByRole('heading').textContent()).toContain('Plan for profile staging');

    // The schema in the file's key order (type, required, properties with due after tags, additionalProperties last),
    // with three lines of context: the 25 lines above and the closing brace are each said as one line.
    const diff = project.getByLabel('create_ticket json_schema diff');
    await expect
      .poll(async () => (await diff.locator('.diff-line').allTextContents()).join('\n'))
      .toBe(
        [
          '  … 25 unchanged lines',
          '        "items": {',
          '          "type": "string"',
          '        }',
          '+     },',
          '+     "due": {',
          '+       "type": "string",',
          '+       "format": "date"',
          '      }',
          '    },',
          '    "additionalProperties": false',
          '  … 1 unchanged line',
        ].join('\n'),
      );
    expect(await project.getByTestId('plan-create_ticket').textContent()).toContain('update');
    expect(await diff.locator('.diff-added').count()).toBe(4);
    await screenshot(page, 'project-plan-other-profile');
    expect(pageErrors).toEqual([]);
  });
});
