import type { BrowserContext } from 'playwright-core';

/** Main-thread cost of one page load, in milliseconds. */
export interface LoadCost {
  /** CDP Performance.getMetrics ScriptDuration: JavaScript run on the page's main thread, all worlds. */
  scriptMs: number;
  /** CDP TaskDuration: every main-thread task, including style and layout. */
  taskMs: number;
  longTasks: number;
  /** Total duration of the long tasks (50 ms or more) seen by a PerformanceObserver. */
  longTaskMs: number;
}

interface MetricsResult {
  metrics: { name: string; value: number }[];
}

interface LongTaskWindow {
  __benchLongTasks?: number[];
}

/**
 * Opens `url` in a new tab, waits for `readySelector`, then `settleMs` more
 * for timers after the load event, and reads the page's main-thread time.
 * The CDP session is opened before the navigation, so the metrics cover the
 * whole load, content scripts included: they run on the same main thread.
 */
export async function measurePageLoad(context: BrowserContext, url: string, readySelector: string, settleMs: number): Promise<LoadCost> {
  const page = await context.newPage();
  try {
    await page.addInitScript(() => {
      const durations: number[] = [];
      (window as LongTaskWindow).__benchLongTasks = durations;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) durations.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector(readySelector, { state: 'attached', timeout: 60_000 });
    await page.waitForTimeout(settleMs);

    const { metrics } = (await cdp.send('Performance.getMetrics')) as MetricsResult;
    const metric = (name: string) => (metrics.find((entry) => entry.name === name)?.value ?? Number.NaN) * 1000;
    const longTasks = await page.evaluate(() => (window as LongTaskWindow).__benchLongTasks ?? []);
    await cdp.detach();
    return {
      scriptMs: metric('ScriptDuration'),
      taskMs: metric('TaskDuration'),
      longTasks: longTasks.length,
      longTaskMs: longTasks.reduce((sum, duration) => sum + duration, 0),
    };
  } finally {
    await page.close();
  }
}
