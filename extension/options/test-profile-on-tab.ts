import { browser } from 'wxt/browser';
import type { SiteProfile } from '../../shared/profile.ts';
import type { HighlightReport } from '../guard/highlight-profile.ts';

/** Result line of "Test on open tab". */
export interface ProfileTestResult {
  ok: boolean;
  message: string;
}

/**
 * Asks the guard in the first open tab that the profile matches to highlight
 * the profile's controls, and describes what it found. The profile must be
 * validated, because the guard uses it as it is.
 */
export async function testProfileOnTab(profile: SiteProfile): Promise<ProfileTestResult> {
  const tabs = await browser.tabs.query({ url: profile.matches });
  const tab = tabs.find((candidate) => candidate.id !== undefined);
  if (!tab?.id) {
    return { ok: false, message: `No open tab matches ${profile.matches.join(', ')}. Open the CRM page in a tab (and add the site from the popup), then try again.` };
  }
  try {
    const report = (await browser.tabs.sendMessage(tab.id, { type: 'guard:highlightProfile', profile })) as HighlightReport;
    if (report.controls === 0 && report.bulkControls === 0) {
      return { ok: false, message: `In "${tab.title ?? tab.url}", nothing matches deleteControl. Check the selector against the page.` };
    }
    const sample = report.customers.map((customer) => `${customer.id} (${customer.name || 'no name'})`).join(', ');
    return {
      ok: report.customers.length > 0 || report.controls === 0,
      message: `In "${tab.title ?? tab.url}": ${report.controls} delete controls, ${report.bulkControls} bulk controls, highlighted for 5 seconds. Customers read: ${sample || 'none, so check the row and id settings'}.`,
    };
  } catch (error) {
    return { ok: false, message: `Failed to reach Delete Guard in "${tab.title ?? tab.url}": ${error instanceof Error ? error.message : String(error)}. Reload that tab and try again.` };
  }
}
