/** "just now", "5 min ago", "2 h ago", "3 d ago". */
export function formatAge(instant: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - instant) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}
