/**
 * What the page says while it waits on the companion, Flowent or ngrok: a line in the place of
 * what is on its way. The command line shows its own progress lines, or none.
 */

export const LOADING_ACCOUNT = 'Loading the Flowent account…';

export const LOADING_FLOWENT_ACTIONS = 'Loading your actions from Flowent…';

export const CONNECTING_TO_NGROK = 'Connecting to ngrok…';

export const CHECKING_VERIFIER = "Checking your handler's verifier…";

export const READING_PROJECT = 'Reading the project folder…';
