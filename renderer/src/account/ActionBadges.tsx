import type { ActionBadge } from './account-format';

const TITLE: Record<ActionBadge, string> = {
  linked: 'Follows this companion when the public URL changes',
  stale: 'Its webhook_url no longer reaches this companion',
};

export function ActionBadges({ badges }: { badges: ActionBadge[] }) {
  return (
    <>
      {badges.map((b) => (
        <span key={b} className={`badge badge-${b}`} title={TITLE[b]}>
          {b}
        </span>
      ))}
    </>
  );
}
