import { useEffect, useState } from 'preact/hooks';

/** Returns the current time in milliseconds and re-renders the caller every `intervalMs`. */
export function useNow(now: () => number = Date.now, intervalMs = 10_000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((tick) => tick + 1), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now();
}
