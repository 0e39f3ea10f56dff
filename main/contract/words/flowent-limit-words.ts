import { FLOWENT_BODY_LIMIT_BYTES } from '../names-and-limits';

/**
 * Flowent's body limit as people say it ("1 MB"), worked out from the limit itself: every
 * sentence that names it follows the number the checks use.
 */
export const FLOWENT_LIMIT_WORDS = `${FLOWENT_BODY_LIMIT_BYTES / (1024 * 1024)} MB`;
