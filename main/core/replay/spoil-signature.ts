const MEMBER = '"signature":"';

/**
 * The signed body with its signature's last hex digit changed: a signature that matches no
 * style, as a body altered on the way or signed with another key would carry. The probe sends
 * one, and so does a simulated call sent to check that the handler refuses it. The body is one
 * this companion signed, so its signature member is the last one, written without spaces.
 */
export function spoilSignature(body: Buffer): Buffer {
  const text = body.toString('utf8');
  const at = text.lastIndexOf(MEMBER) + MEMBER.length + 63;
  const digit = text[at] === '0' ? '1' : '0';
  return Buffer.from(text.slice(0, at) + digit + text.slice(at + 1), 'utf8');
}
