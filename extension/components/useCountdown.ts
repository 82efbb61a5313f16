import { useEffect, useState } from 'preact/hooks';

/**
 * Returns the whole seconds left until `targetIso` (0 once it has passed or when
 * there is no target) and re-renders the caller every second while it counts.
 * Reading the clock on each render keeps the value right when the target changes.
 */
export function useCountdown(targetIso: string | undefined, now: () => number = Date.now): number {
  const [, setTick] = useState(0);
  const target = targetIso ? Date.parse(targetIso) : Number.NaN;
  const secondsLeft = Number.isFinite(target) ? Math.max(0, Math.ceil((target - now()) / 1000)) : 0;
  const counting = secondsLeft > 0;

  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 1000);
    return () => clearInterval(timer);
  }, [target, counting]);

  return secondsLeft;
}
