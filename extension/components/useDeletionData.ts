import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { OtpStatus } from '../../shared/api/otp.ts';
import type { Settings } from '../../shared/api/settings.ts';
import type { ApiPort } from '../lib/api-port.ts';
import { callApi } from './call-api.ts';
import { describeApiError } from './messages.ts';

/** Progress of loading the account settings and the code status. */
export type DeletionData =
  | { phase: 'loading' }
  | { phase: 'error'; message: string }
  | { phase: 'ready'; settings: Settings; status: OtpStatus };

/** Data and reload functions returned by {@link useDeletionData}. */
export interface DeletionDataControls {
  data: DeletionData;
  /** Loads both again from scratch, showing the loading state; for the Retry button. */
  reload(): void;
  /** Loads both again in the background and keeps the current data if that fails. */
  refresh(): Promise<void>;
  /** Replaces the code status with what a later call returned, such as Send OTP. */
  updateStatus(change: (status: OtpStatus) => OtpStatus): void;
}

/** Settings and code status loaded earlier, which the form can show before the fresh ones arrive. */
export interface CachedDeletionData {
  settings: Settings;
  status: OtpStatus;
}

/**
 * Fetch mode of {@link useDeletionData}. `load` shows the loading state first,
 * `revalidate` keeps the cached form on screen but shows the error state when
 * the fetch fails, and `refresh` keeps the current data even on failure.
 */
type FetchMode = 'load' | 'revalidate' | 'refresh';

/**
 * Loads the account settings and the code status that the deletion modal needs,
 * calling `onLoaded` with each fresh status. With `cached` data the form shows
 * at once and both are fetched again behind it. Responses to an older request
 * are dropped when a newer one was started.
 */
export function useDeletionData(api: ApiPort, onLoaded?: (status: OtpStatus) => void, cached?: CachedDeletionData): DeletionDataControls {
  const [data, setData] = useState<DeletionData>(() => (cached ? { phase: 'ready', ...cached } : { phase: 'loading' }));
  const requestCounter = useRef(0);
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;

  const fetchBoth = useCallback(
    async (mode: FetchMode) => {
      const request = ++requestCounter.current;
      if (mode === 'load') setData({ phase: 'loading' });
      const [settings, status] = await Promise.all([callApi(() => api.getSettings()), callApi(() => api.getOtpStatus())]);
      if (request !== requestCounter.current) return;

      if (settings.ok && status.ok) {
        onLoadedRef.current?.(status.data);
        setData({ phase: 'ready', settings: settings.data, status: status.data });
        return;
      }
      if (mode === 'refresh') return;
      let reason = '';
      if (!settings.ok) reason = describeApiError(settings.error);
      else if (!status.ok) reason = describeApiError(status.error);
      setData({ phase: 'error', message: `Delete Guard couldn't load your account settings. ${reason}`.trim() });
    },
    [api],
  );

  useEffect(() => {
    void fetchBoth(cached ? 'revalidate' : 'load');
    // Only the first render's cache counts, because later renders already show fetched data.
  }, [fetchBoth]);

  const updateStatus = useCallback((change: (status: OtpStatus) => OtpStatus) => {
    setData((current) => (current.phase === 'ready' ? { ...current, status: change(current.status) } : current));
  }, []);

  return {
    data,
    reload: () => void fetchBoth('load'),
    refresh: () => fetchBoth('refresh'),
    updateStatus,
  };
}
