/**
 * The status Flowent says the webhook answered its registration check with, read from what
 * followed "action validation failed: webhook endpoint" (`gatewayFailure`'s `said`); null when
 * it names none. Flowent documents only "webhook endpoint returned status N": any other
 * sentence, whatever its words, says Flowent got no answer from the webhook. The words and the
 * core's reach probe both decide by this.
 */
export function checkAnsweredStatus(said: string): number | null {
  const status = /^returned status (\d+)\b/i.exec(said)?.[1];
  return status === undefined ? null : Number(status);
}
