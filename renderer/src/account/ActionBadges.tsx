import type { ActionBadge } from './account-format';
import { ACTION_BADGE_TITLES } from '../../../main/contract/words';

export function ActionBadges({ badges }: { badges: ActionBadge[] }) {
  return (
    <>
      {badges.map((b) => (
        <span key={b} className={`badge badge-${b}`} title={ACTION_BADGE_TITLES[b]}>
          {b}
        </span>
      ))}
    </>
  );
}
