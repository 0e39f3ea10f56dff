/**
 * Flowent's wire facts the companion relies on, each defined once here and imported by
 * everything that needs one (the webhook, forwarding, the answer check, argument checks, the
 * command line through the core's entry). docs/flowent-protocol.md describes the protocol
 * they come from: the call body, the signing styles, the registration check, the answer
 * Flowent expects and the Gateway calls the companion makes. The action-name rule and the
 * timestamp window are in the contract (main/contract/action-name.ts, names-and-limits.ts),
 * because the page checks names and says the window too.
 */

/** The largest call body Flowent sends, and the largest answer it accepts. */
export const FLOWENT_BODY_LIMIT_BYTES = 1024 * 1024;

/** How long Flowent waits for an action's answer before the flow sees a failure. */
export const FLOWENT_TIMEOUT_MS = 30_000;
