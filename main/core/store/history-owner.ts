import { readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';

/** This user's name, as `chown` takes it. */
export function currentUserName(): string {
  try {
    return userInfo().username;
  } catch {
    // No entry in the user database (a container's made-up uid): chown takes the number too.
    return String(process.getuid?.() ?? '');
  }
}

/**
 * Who owns the first of `paths` that this user does not own, by name: a history made by a
 * command run as someone else (`sudo serve` once), which chmod cannot give back, only chown.
 * null when this user owns them all, or on a system without owners by number (Windows).
 */
export function otherOwner(paths: string[]): string | null {
  const uid = process.getuid?.();
  if (uid === undefined) return null;
  for (const path of paths) {
    let owner: number;
    try {
      owner = statSync(path).uid;
    } catch {
      continue;
    }
    if (owner !== uid) return userName(owner);
  }
  return null;
}

/** A user's name from the system's user list, else its number in words. */
function userName(uid: number): string {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && Number(id) === uid) return name;
    }
  } catch {
    // No readable list (macOS keeps most users elsewhere): the number says it.
  }
  return `the user with id ${uid}`;
}
