// What the project-folder tests send and write: an unsigned call to a serve's webhook, and an
// answer file with a mock whose result names itself.

/**
 * Posts an unsigned call of `action` (no key is set in these serves) and gives its status and
 * answer text. Bounded: a server stuck on a file never answers, and the test fails here, not at
 * its own timeout.
 */
export async function callAction(baseUrl: string, action: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${baseUrl}/actions/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action_name: action, parameters: {}, timestamp: Math.floor(Date.now() / 1000) }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.text() };
}

/** The answer a call got, parsed: `{result, error}` from a mock. */
export async function answerOf(baseUrl: string, action: string): Promise<unknown> {
  return JSON.parse((await callAction(baseUrl, action)).body) as unknown;
}

/** An answer file whose mock answers `result`. */
export const answerFile = (result: string) => `version: 1\nbody: {result: "${result}", error: ""}\n`;
