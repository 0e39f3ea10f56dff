/** Flowent's Gateway: session, action registry, actions linked to the companion, schemas. */
export { FlowentService, type FlowentServiceOptions, type RegisteredHere, type StaleAction } from './flowent-service';
export { GatewayClient } from './gateway-client';
export { TokenSession, API_TOKEN_REJECTED, type FetchLike } from './token-session';
export {
  FlowentProfiles,
  environmentProfileSecrets,
  apiTokenVariable,
  DEFAULT_PROFILE,
  type FlowentProfile,
  type ProfileSecrets,
} from './profiles';
export { SqliteFlowentSettings, MemoryFlowentSettings, openFlowentSettings, type FlowentSettingsStore } from '../store/settings-repository';
export { checkActionInput, checkJsonSchema, type FieldProblem, type InputCheck } from './action-validation';
export { SchemaCache, type ParameterCheck, type ParameterProblem } from './parameter-check';
export { LinkStore, companionWebhookUrl, type LinkedAction, type FollowChange, type FollowRecord } from './links';
export { RequestCounter, REQUESTS_PER_HOUR } from './request-counter';
export { readServeState, writeServeState, type ServeState } from './serve-state';
export * from './types';
export { followTunnelEvents, type FollowOptions } from './follow-tunnel-events';
