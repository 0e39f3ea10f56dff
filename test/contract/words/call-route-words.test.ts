import { describe, expect, it } from 'vitest';
import type { CallDetail, HandlerReport } from '../../../main/contract/api';
import { callRouteWords, routeText, type WebhookWhose } from '../../../main/contract/words';

const WEBHOOK = 'http://127.0.0.1:8787/actions/send_email';
const HANDLER = 'http://127.0.0.1:8099/actions/send_email';
const everyWebhookThis: WebhookWhose = () => 'this';

type Routed = Parameters<typeof callRouteWords>[0];

function sent(fields: Partial<Omit<Routed, 'forward'>> & { forward?: Partial<CallDetail['forward']> }): Routed {
  return {
    source: 'replay',
    answeredBy: 'forward',
    response: { status: 200, headers: [], body: '' },
    handler: null,
    mockChoice: null,
    ...fields,
    forward: {
      target: WEBHOOK,
      error: null,
      registrationWouldPass: null,
      throughWebhook: null,
      webhookForwardedTo: null,
      ...fields.forward,
    },
  };
}

const reached = (url: string) => ({ reached: url }) as HandlerReport;
const said = (call: Routed, whose = everyWebhookThis) => {
  const route = callRouteWords(call, whose);
  return route && routeText(route);
};

describe('where a call went, as its sender recorded it', () => {
  it('names the handler a webhook forwarded it to, answered or not, a password as ***', () => {
    const refused = sent({
      answeredBy: 'forward-error',
      response: { status: 502, headers: [], body: '' },
      forward: { throughWebhook: true, webhookForwardedTo: 'http://deploy:pw@127.0.0.1:8099/actions/send_email' },
    });
    expect(said(refused, () => 'another')).toBe(
      `Sent to another companion's webhook at ${WEBHOOK}, which forwarded it to your handler at http://deploy:***@127.0.0.1:8099/actions/send_email`,
    );
    expect(callRouteWords(refused, everyWebhookThis)?.filter((part) => 'url' in part)).toEqual([
      { url: WEBHOOK, is: 'sent-to' },
      { url: 'http://deploy:***@127.0.0.1:8099/actions/send_email', is: 'forwarded-to' },
    ]);
  });

  it("says a webhook's mock answered, and nothing more when the webhook did not say where it forwarded", () => {
    expect(said(sent({ answeredBy: 'mock', forward: { throughWebhook: true } }))).toBe(
      `Sent to this companion's webhook at ${WEBHOOK}, whose mock answered it`,
    );
    // With no mock (or none of its answers applying) the webhook gave its built-in answer, as "Answered by" says.
    expect(
      said(sent({ answeredBy: 'mock', mockChoice: { mock: 'none', response: { kind: 'built-in' } }, forward: { throughWebhook: true } })),
    ).toBe(`Sent to this companion's webhook at ${WEBHOOK}, which gave its built-in answer`);
    expect(
      said(
        sent({ answeredBy: 'mock', mockChoice: { mock: 'default', response: { kind: 'built-in' } }, forward: { throughWebhook: true } }),
      ),
    ).toBe(`Sent to this companion's webhook at ${WEBHOOK}, which gave its built-in answer`);
    expect(
      said(
        sent({
          answeredBy: 'mock',
          mockChoice: { mock: 'action', response: { kind: 'only', name: null } },
          forward: { throughWebhook: true },
        }),
      ),
    ).toBe(`Sent to this companion's webhook at ${WEBHOOK}, whose mock answered it`);
    expect(
      said(sent({ answeredBy: 'companion-error', response: { status: 0, headers: [], body: '' }, forward: { throughWebhook: true } })),
    ).toBe(`Sent to this companion's webhook at ${WEBHOOK}`);
  });

  it('says a call sent straight to a handler was forwarded there, whatever its answer suggests', () => {
    // A 502 from the handler itself: read from the answer alone, it passed for a webhook's.
    const straight = sent({
      answeredBy: 'forward-error',
      response: { status: 502, headers: [], body: '' },
      forward: { throughWebhook: false },
    });
    expect(callRouteWords(straight, everyWebhookThis)).toEqual([{ text: 'Forwarded to ' }, { url: WEBHOOK, is: 'sent-to' }]);
  });

  it('says nothing of a call sent nowhere', () => {
    expect(callRouteWords(sent({ answeredBy: 'mock', forward: { target: null } }), everyWebhookThis)).toBeNull();
  });
});

describe('where a call stored before its route was recorded went, as read from its answer', () => {
  it("reads a webhook's answer, or a handler reached elsewhere, as sent through a webhook", () => {
    expect(said(sent({ handler: reached(HANDLER) }))).toBe(
      `Sent to this companion's webhook at ${WEBHOOK}, which forwarded it to your handler at ${HANDLER}`,
    );
    expect(said(sent({ answeredBy: 'forward-error', response: { status: 502, headers: [], body: '' } }))).toBe(
      `Sent to this companion's webhook at ${WEBHOOK}`,
    );
  });

  it('reads a handler answering where it was sent, a call left unanswered, and a Flowent call as forwarded straight', () => {
    expect(said(sent({ handler: reached(WEBHOOK) }))).toBe(`Forwarded to ${WEBHOOK}`);
    expect(said(sent({ answeredBy: 'forward-error', response: { status: 0, headers: [], body: '' } }))).toBe(`Forwarded to ${WEBHOOK}`);
    expect(said(sent({ source: 'flowent', answeredBy: 'mock' }))).toBe(`Forwarded to ${WEBHOOK}`);
  });
});
