// `npm run bench:extension`: size of the scripts the extension injects, the
// main-thread cost it adds to loading the stand-in CRM with 10 000 rows, the
// time from a click to the focused modal, and the page heap over 100 opens.
// Prints figures; it checks no thresholds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { startApi } from '../api/start-api.ts';
import { startCrm } from '../crm/server.ts';
import { extensionDir, launchWithExtension } from '../test/browser/helpers.ts';
import { measureFile, measureInjectedFiles } from './bundle-size.ts';
import { chromiumVersion, launchPlainChromium } from './chromium.ts';
import { describeMachine } from './machine.ts';
import { closeModal, installModalProbe, openModal, type ModalOpen } from './modal-timing.ts';
import { measurePageLoad, type LoadCost } from './page-load.ts';
import { startSmtpSink } from './smtp-sink.ts';
import { max, median } from './stats.ts';
import { fixed, markdownTable } from './table.ts';

const LOAD_RUNS = [
  { rows: 10_000, runs: 10 },
  { rows: 25, runs: 5 },
];
// Long enough for the guard's load-time work: the profile request and the
// pending-outcome check 1 s after the load event. The unmatched-profile check
// at 5 s (a few querySelector calls) falls outside this window.
const SETTLE_MS = 1500;
const MODAL_OPENS = 20;
// 25 KB, counted in decimal bytes as the goal states it.
const GZIP_GOAL_BYTES = 25_000;
const HEAP_CYCLES = 100;
const DELETE_BUTTON = 'tr[data-customer-id="cus_1001"] button[data-action="delete-customer"]';

const repoRoot = new URL('..', import.meta.url).pathname;
const kib = (bytes: number) => (bytes / 1024).toFixed(2);

function printSizes(): void {
  execFileSync('npx', ['wxt', 'build'], { cwd: repoRoot, stdio: 'pipe' });
  const files = measureInjectedFiles(extensionDir);
  const total = { raw: 0, gzip: 0 };
  const rows = files.map((file) => {
    total.raw += file.rawBytes;
    total.gzip += file.gzipBytes;
    return [file.file, String(file.rawBytes), kib(file.rawBytes), String(file.gzipBytes), kib(file.gzipBytes)];
  });
  rows.push(['total injected', String(total.raw), kib(total.raw), String(total.gzip), kib(total.gzip)]);
  // The background worker injects the troubleshooting helper into a tab only
  // when its user opens "Didn't get the code?" in the modal.
  const helper = measureFile(extensionDir, 'helper-panel.js');
  rows.push([`${helper.file} (on demand)`, String(helper.rawBytes), kib(helper.rawBytes), String(helper.gzipBytes), kib(helper.gzipBytes)]);
  console.log('## Injected scripts\n');
  console.log(markdownTable(['file', 'raw bytes', 'raw KiB', 'gzip bytes', 'gzip KiB'], rows));
  console.log(`\nGoal <= ${GZIP_GOAL_BYTES} bytes gzip in total: ${total.gzip <= GZIP_GOAL_BYTES ? 'met' : 'missed'} (${total.gzip} bytes; ${GZIP_GOAL_BYTES - total.gzip} left).\n`);
}

async function loadRuns(context: BrowserContext, url: string, rows: number, runs: number): Promise<LoadCost[]> {
  const ready = `tr[data-customer-id="cus_${1000 + rows}"]`;
  const costs: LoadCost[] = [];
  for (let run = 0; run < runs; run += 1) costs.push(await measurePageLoad(context, url, ready, SETTLE_MS));
  return costs;
}

function summarize(costs: readonly LoadCost[]) {
  return {
    scriptMs: median(costs.map((cost) => cost.scriptMs)),
    taskMs: median(costs.map((cost) => cost.taskMs)),
    longTasks: median(costs.map((cost) => cost.longTasks)),
    longTaskMs: median(costs.map((cost) => cost.longTaskMs)),
  };
}

function printModal(opens: readonly ModalOpen[]): void {
  const column = (pick: (open: ModalOpen) => number) => opens.map(pick);
  const stages: [string, number[]][] = [
    ['host in the DOM', column((open) => open.hostMs)],
    ['first focus in the modal', column((open) => open.dialogFocusMs)],
    ['modal visible and focused (frame rendered)', column((open) => open.visibleMs)],
    ['form shown, Reason focused', column((open) => open.fieldFocusMs)],
  ];
  console.log(`\n## Modal latency (${opens.length} opens, click to stage, ms)\n`);
  console.log(markdownTable(['stage', 'median', 'max'], stages.map(([name, values]) => [name, fixed(median(values), 1), fixed(max(values), 1)])));
  const fromCache = opens.slice(1);
  console.log(`\nField focused: "${opens[0]?.focusedField ?? ''}". The first open had no cached account data: ${fixed(opens[0]?.visibleMs ?? Number.NaN, 1)} ms visible, ${fixed(opens[0]?.fieldFocusMs ?? Number.NaN, 1)} ms to the form.`);
  console.log(`Later opens show the form from the cache and fetch GET /v1/settings and GET /v1/otp behind it; median to the form ${fixed(median(fromCache.map((open) => open.fieldFocusMs)), 1)} ms.`);
  const visibleMedian = median(column((open) => open.visibleMs));
  console.log(`Goal <= 50 ms median, click to a visible, focused modal: ${visibleMedian <= 50 ? 'met' : 'missed'} (${fixed(visibleMedian, 1)} ms).`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'delete-guard-bench-'));
const sink = await startSmtpSink();
const crm = await startCrm({ port: 0 });
const api = await startApi({ dataFile: join(dataDir, 'data.json'), port: 0, env: { SMTP_URL: sink.url, LOG_LEVEL: 'silent' } });
let withExtension: Awaited<ReturnType<typeof launchWithExtension>> | undefined;
let plain: Awaited<ReturnType<typeof launchPlainChromium>> | undefined;
try {
  console.log(`Machine: ${describeMachine()}; ${chromiumVersion()}\n`);
  printSizes();

  withExtension = await launchWithExtension();
  plain = await launchPlainChromium();
  if (!api.apiKey) throw new Error('The API did not create the demo account in its new data file.');
  await withExtension.setStorage({ apiUrl: api.url, apiKey: api.apiKey });

  console.log(`## Page load (stand-in CRM list, medians, settle ${SETTLE_MS} ms after the last row)\n`);
  const loadRows: string[][] = [];
  for (const { rows, runs } of LOAD_RUNS) {
    const url = `${crm.url}/?count=${rows}`;
    // One load each first, so the CRM reseeds and both profiles have warm caches.
    await loadRuns(withExtension.context, url, rows, 1);
    await loadRuns(plain.context, url, rows, 1);
    const costs = { with: [] as LoadCost[], without: [] as LoadCost[] };
    for (let run = 0; run < runs; run += 1) {
      costs.with.push(...(await loadRuns(withExtension.context, url, rows, 1)));
      costs.without.push(...(await loadRuns(plain.context, url, rows, 1)));
    }
    const withMedian = summarize(costs.with);
    const withoutMedian = summarize(costs.without);
    for (const [label, summary] of [['without extension', withoutMedian], ['with extension', withMedian]] as const) {
      loadRows.push([String(rows), String(runs), label, fixed(summary.scriptMs, 1), fixed(summary.taskMs, 1), fixed(summary.longTasks, 0), fixed(summary.longTaskMs, 1)]);
    }
    loadRows.push([
      String(rows),
      String(runs),
      'added by the extension',
      fixed(withMedian.scriptMs - withoutMedian.scriptMs, 1),
      fixed(withMedian.taskMs - withoutMedian.taskMs, 1),
      fixed(withMedian.longTasks - withoutMedian.longTasks, 0),
      fixed(withMedian.longTaskMs - withoutMedian.longTaskMs, 1),
    ]);
  }
  console.log(markdownTable(['rows', 'runs', 'browser', 'script ms', 'task ms', 'long tasks', 'long-task ms'], loadRows));

  const page = await withExtension.context.newPage();
  await installModalProbe(page);
  await page.goto(`${crm.url}/?count=10000`);
  await page.waitForSelector(DELETE_BUTTON);
  const opens: ModalOpen[] = [];
  for (let open = 0; open < MODAL_OPENS; open += 1) {
    opens.push(await openModal(page, DELETE_BUTTON));
    await closeModal(page);
    await page.waitForTimeout(100);
  }
  printModal(opens);

  const cdp = await withExtension.context.newCDPSession(page);
  const heapUsed = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  };
  const before = await heapUsed();
  for (let cycle = 0; cycle < HEAP_CYCLES; cycle += 1) {
    await openModal(page, DELETE_BUTTON);
    await closeModal(page);
  }
  const after = await heapUsed();
  const mib = (bytes: number) => (bytes / 1024 ** 2).toFixed(2);
  console.log(`\n## Page heap over ${HEAP_CYCLES} open/close cycles (after garbage collection)\n`);
  console.log(markdownTable(['before MiB', 'after MiB', 'delta KiB'], [[mib(before), mib(after), ((after - before) / 1024).toFixed(1)]]));
} finally {
  await withExtension?.close();
  await plain?.close();
  await api.close();
  await crm.close();
  await sink.close();
  rmSync(dataDir, { recursive: true, force: true });
}
