/** Returns `one` when `count` is 1, else `many`, with the count in front: "1 try", "3 tries". */
export function pluralize(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Formats a whole number of seconds as a clock countdown: 42 → "0:42", 125 → "2:05". */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${minutes}:${String(rest).padStart(2, '0')}`;
}

/** Formats a wait in words, rounded up to whole minutes past one minute: "45 seconds", "3 minutes". */
export function formatWait(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return pluralize(whole, 'second', 'seconds');
  return pluralize(Math.ceil(whole / 60), 'minute', 'minutes');
}

/** Formats how long ago something happened: "just now", "4 minutes ago", "2 hours ago". */
export function formatTimeAgo(elapsedMs: number): string {
  const minutes = Math.floor(elapsedMs / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${pluralize(minutes, 'minute', 'minutes')} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${pluralize(hours, 'hour', 'hours')} ago`;
  return `${pluralize(Math.floor(hours / 24), 'day', 'days')} ago`;
}

/** Formats an ISO timestamp as a short local time of day, with the date when it is not today. */
export function formatClockTime(iso: string, nowMs: number): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const time = at.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  const sameDay = at.toDateString() === new Date(nowMs).toDateString();
  if (sameDay) return time;
  return `${at.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}, ${time}`;
}
