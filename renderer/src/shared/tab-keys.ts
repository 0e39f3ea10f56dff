/**
 * Where a key moves the choice in a row of tabs, as the tabs pattern has it everywhere: ← and →
 * to the neighbour (round the ends), Home and End to the first and last; null for any other key.
 */
export function tabAfterKey(key: string, current: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return (current + 1) % count;
    case 'ArrowLeft':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
