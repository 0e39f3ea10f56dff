/**
 * Flowent's wire facts the companion relies on, each defined once here and imported by
 * everything that needs one (the webhook, forwarding, the answer check, argument checks, the
 * command line through the core's entry). docs/flowent-protocol.md describes the protocol
 * they come from: the call body, the signing styles, the registration check, the answer
 * Flowent expects and the Gateway calls the companion makes. The action-name rule, the
 * timestamp window and the body limit are in the contract (main/contract/action-name.ts,
 * names-and-limits.ts), because the page checks names, says the window and measures the
 * parameters it sends too.
 */

/** How long Flowent waits for an action's answer before the flow sees a failure. */
export const FLOWENT_TIMEOUT_MS = 30_000;
