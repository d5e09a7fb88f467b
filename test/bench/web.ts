/**
 * The web phase of `npm run bench`: how much the citizen web app sends, and what Lighthouse says
 * about its overview page.
 *
 * 1. The app built as `npm start` builds it (only when `web/dist` is stale; always the production
 *    build, and the build stamp says so, or the phase stops), and the size of each file in
 *    `web/dist/assets`: raw and gzip (level 9), per file and per kind (JavaScript, CSS).
 * 2. Lighthouse (performance and accessibility; desktop preset and the mobile default, simulated
 *    throttling, so nothing but the local system is contacted) against Debian's Chromium, on the
 *    overview page as Jan (BSN 999990019), logged in through the real login page first.
 * 3. The first page's share: the JavaScript and CSS files the overview loaded in Lighthouse's
 *    mobile run (the app is split per page, so this is less than all of `web/dist/assets`).
 *
 * The measuring runs in a child process (`runWebPhase` spawns this file, see `child-phase.ts`): the
 * API handlers keep their store and secrets in module singletons, which after the earlier phases
 * point at their DynamoDB Local, gone by now.
 */
import { accessSync, constants } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromiumArgs } from '../support/chromium-flags.ts';
import { runAsChildPhase, runChildPhase } from './child-phase.ts';
import { round } from './in-flight.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const thisFile = fileURLToPath(import.meta.url);
/** Where the Lighthouse HTML reports and final screenshots go (git-ignored). */
export const benchDirectory = path.join(projectRoot, '.bench');

/** Jan de Vries of the demo world: three pots, one of them about to expire. */
const citizenBsn = '999990019';
const overviewTitle = 'Uw geld voor scholing';
/** The business portal's start page as Bouwbedrijf De Vries (client `employer-demo`) sees it. */
const portalOrganisation = 'employer-demo';
const portalStartTitle = 'Welkom, Bouwbedrijf De Vries';
/** The local login page's field for the organisation's code (its client id). */
const portalLoginField = '#organisatiecode';
/** Lighthouse runs per preset at most, when it fails in a way it says another run may not. */
const lighthouseAttemptsMax = 3;
const retriedRuntimeErrors: readonly string[] = ['NO_NAVSTART'];
/** The child gets this long; it normally needs well under a minute and a half. */
const childTimeoutMs = 240_000;

export interface AssetFigures {
  readonly file: string;
  readonly kind: 'js' | 'css';
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface SizeTotals {
  readonly files: number;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface LighthouseRun {
  /** The app's own files (under /assets/) that the page requested, by name. */
  readonly assetFiles: readonly string[];
  /** `desktop` is Lighthouse's desktop preset; `mobile` its default (Moto G Power, slow 4G). */
  readonly preset: 'desktop' | 'mobile';
  readonly formFactor: string;
  readonly throttlingMethod: string;
  readonly requestedUrl: string;
  readonly finalUrl: string;
  /**
   * What the audited page showed when Lighthouse was done: proof it was the page meant, with its
   * content (the overview's pots, the portal start page's tasks).
   */
  readonly pageCheck: { readonly path: string; readonly heading: string; readonly items: number };
  /** Category scores, 0–100. */
  readonly scores: { readonly performance: number | null; readonly accessibility: number | null };
  readonly metrics: {
    readonly firstContentfulPaintMs: number | null;
    readonly largestContentfulPaintMs: number | null;
    readonly totalBlockingTimeMs: number | null;
    readonly cumulativeLayoutShift: number | null;
    readonly speedIndexMs: number | null;
    readonly interactiveMs: number | null;
  };
  /** Accessibility audits that did not pass (score below 1), by id. */
  readonly accessibilityFailures: readonly string[];
  readonly requests: number;
  /** Requests to anything but the local system; should be 0 (the machine is offline). */
  readonly externalRequests: number;
  readonly warnings: readonly string[];
  readonly durationSeconds: number;
  readonly reportFile: string;
  readonly screenshotFile: string;
}

/** The files of one kind that a page loaded, with their sizes as in `assets`. */
export interface LoadedTotals extends SizeTotals {
  readonly fileNames: readonly string[];
}

export interface WebFigures {
  readonly build: {
    readonly rebuilt: boolean;
    readonly seconds: number;
    /** From the build stamp: Vite's mode and which React build the bundle holds. */
    readonly mode: string;
    readonly react: string;
    readonly builtAt: string;
  };
  readonly assets: readonly AssetFigures[];
  /** Every file of the kind in `web/dist/assets`, whichever page loads it. */
  readonly js: SizeTotals;
  readonly css: SizeTotals;
  /** What the overview loaded in Lighthouse's mobile run: the figures the goals are about. */
  readonly firstPage: { readonly js: LoadedTotals; readonly css: LoadedTotals };
  readonly lighthouse: {
    readonly version: string;
    readonly browser: string;
    readonly runs: readonly LighthouseRun[];
  };
  /** The business portal's start page as an employer: what it loaded, and Lighthouse's mobile run. */
  readonly portal: {
    readonly firstPage: { readonly js: LoadedTotals; readonly css: LoadedTotals };
    readonly runs: readonly LighthouseRun[];
  };
  readonly phaseSeconds: Readonly<Record<string, number>>;
}

/**
 * Runs the web phase in a child process and returns its figures. Throws when the child fails or
 * takes longer than `childTimeoutMs`; its output goes straight to this process's.
 */
export function runWebPhase(): Promise<WebFigures> {
  return runChildPhase<WebFigures>(thisFile, 'web', childTimeoutMs);
}

/** Sizes of the built app's JavaScript and CSS, raw and gzip level 9. */
export async function measureAssets(
  distDirectory: string,
): Promise<{ assets: AssetFigures[]; js: SizeTotals; css: SizeTotals }> {
  const assetsDirectory = path.join(distDirectory, 'assets');
  const assets: AssetFigures[] = [];
  for (const file of (await readdir(assetsDirectory)).sort()) {
    const kind = file.endsWith('.js') ? 'js' : file.endsWith('.css') ? 'css' : undefined;
    if (kind === undefined) continue;
    const content = await readFile(path.join(assetsDirectory, file));
    assets.push({ file, kind, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
  }
  const total = (kind: AssetFigures['kind']): SizeTotals => {
    const ofKind = assets.filter((asset) => asset.kind === kind);
    return {
      files: ofKind.length,
      bytes: ofKind.reduce((sum, asset) => sum + asset.bytes, 0),
      gzipBytes: ofKind.reduce((sum, asset) => sum + asset.gzipBytes, 0),
    };
  };
  if (assets.length === 0) throw new Error(`bench web: no .js or .css files in ${assetsDirectory}`);
  return { assets, js: total('js'), css: total('css') };
}

/** The files of one kind that a Lighthouse run saw the page load, and their sizes. */
function loadedTotals(assets: readonly AssetFigures[], run: LighthouseRun, kind: AssetFigures['kind']): LoadedTotals {
  const loaded = assets.filter((asset) => asset.kind === kind && run.assetFiles.includes(asset.file));
  return {
    files: loaded.length,
    bytes: loaded.reduce((sum, asset) => sum + asset.bytes, 0),
    gzipBytes: loaded.reduce((sum, asset) => sum + asset.gzipBytes, 0),
    fileNames: loaded.map((asset) => asset.file),
  };
}

/**
 * The web figures for the bench's `summary`, under the keys issue 11 names: the overview's
 * JavaScript and CSS (gzip KiB, as it loaded them) and Lighthouse's mobile performance score.
 */
export function webSummary(web: WebFigures): Record<string, number> {
  const performanceScore = web.lighthouse.runs.find((run) => run.preset === 'mobile')?.scores.performance;
  const portalScores = web.portal.runs.find((run) => run.preset === 'mobile')?.scores;
  return {
    webJsGzipKiB: round(web.firstPage.js.gzipBytes / 1024),
    webCssGzipKiB: round(web.firstPage.css.gzipBytes / 1024),
    ...(performanceScore !== null &&
      performanceScore !== undefined && { webLighthouseMobilePerformance: performanceScore }),
    // Issue 9's keys: the portal's first page (JavaScript, gzip) and Lighthouse on the employer's start page.
    portalJsGzipKB: round(web.portal.firstPage.js.gzipBytes / 1024),
    ...(portalScores?.performance !== null &&
      portalScores?.performance !== undefined && { portalLighthousePerformance: portalScores.performance }),
    ...(portalScores?.accessibility !== null &&
      portalScores?.accessibility !== undefined && { portalLighthouseAccessibility: portalScores.accessibility }),
  };
}

/** `CHROMIUM_PATH` when set, else `chromium` (or `chromium-browser`) on the PATH, as the e2e tests do. */
function chromiumPath(): string {
  const configured = process.env['CHROMIUM_PATH'];
  const candidates =
    configured !== undefined && configured !== ''
      ? [configured]
      : (process.env['PATH'] ?? '')
          .split(path.delimiter)
          .flatMap((directory) => ['chromium', 'chromium-browser'].map((name) => path.join(directory, name)));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next one.
    }
  }
  throw new Error('bench web: no Chromium found; install it (apt-get install chromium) or set CHROMIUM_PATH');
}

/** The part of Lighthouse's result this phase reads. */
interface AuditResult {
  readonly score: number | null;
  readonly numericValue?: number;
  readonly details?: {
    readonly type?: string;
    readonly data?: string;
    readonly items?: ReadonlyArray<{ readonly url?: string }>;
  };
}

/**
 * What the page shows: its path, first heading and how many elements match `selector`. A string,
 * as the DOM types are not in this project's lib.
 */
function pageCheckScript(selector: string): string {
  return `(() => ({
  path: location.pathname,
  heading: (document.querySelector('h1')?.textContent ?? '').trim(),
  items: document.querySelectorAll(${JSON.stringify(selector)}).length,
}))()`;
}

/** The page a Lighthouse run must have audited, and what it must show. */
interface ExpectedPage {
  /** Names the run's report files. */
  readonly name: string;
  readonly path: string;
  readonly heading: string;
  /** Elements of the page's content; at least one must be there. */
  readonly itemSelector: string;
}

const citizenOverview: ExpectedPage = {
  name: 'lighthouse',
  path: '/',
  heading: overviewTitle,
  itemSelector: '[data-testid="pot"]',
};
const portalStart: ExpectedPage = {
  name: 'lighthouse-portal',
  path: '/zakelijk/',
  heading: portalStartTitle,
  itemSelector: '.lr-tasks__item',
};

/** The measuring itself, in the child process. Everything it starts is stopped before it returns. */
async function measureWeb(): Promise<WebFigures> {
  const phaseSeconds: Record<string, number> = {};
  let phaseStartedMs = performance.now();
  const endPhase = (name: string) => {
    phaseSeconds[name] = round((performance.now() - phaseStartedMs) / 1000);
    phaseStartedMs = performance.now();
  };

  const [
    { buildWebIfStale, readWebBuildStamp, webDistDirectory },
    { startLocalSystem },
    { launch },
    puppeteer,
    lighthouseModule,
  ] = await Promise.all([
    import('../../web/build.ts'),
    import('../../infra/local/start.ts'),
    import('chrome-launcher'),
    import('puppeteer-core'),
    import('lighthouse'),
  ]);
  const lighthouse = lighthouseModule.default;
  const lighthouseVersion = (
    JSON.parse(await readFile(path.join(projectRoot, 'node_modules', 'lighthouse', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  endPhase('load');

  console.log('Building the web app when stale and measuring its assets…');
  const buildStartedMs = performance.now();
  const rebuilt = await buildWebIfStale();
  const stamp = await readWebBuildStamp();
  // buildWebIfStale leaves a production build or throws; this says so in the figures, or stops.
  if (stamp === undefined) throw new Error('bench web: web/dist has no stamp of a production build');
  const build = { rebuilt, seconds: round((performance.now() - buildStartedMs) / 1000), ...stamp };
  const sizes = await measureAssets(webDistDirectory);
  endPhase('build');

  console.log('Starting the local system (in memory) and Chromium…');
  const executablePath = chromiumPath();
  // Started one by one, each stopped in the finally block when it got started.
  let system: Awaited<ReturnType<typeof startLocalSystem>> | undefined;
  let chrome: Awaited<ReturnType<typeof launch>> | undefined;
  let browser: Awaited<ReturnType<typeof puppeteer.connect>> | undefined;
  const stopAll = async () => {
    await browser?.disconnect().catch(() => undefined);
    browser = undefined;
    chrome?.kill();
    chrome = undefined;
    const running = system;
    system = undefined;
    await running?.stop();
  };
  const onSignal = () => {
    void stopAll().finally(() => process.exit(1));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    // Both settle before going on, so when one fails the other is still known here and stopped.
    const started = await Promise.allSettled([
      startLocalSystem({ port: 0, inMemory: true }).then((running) => (system = running)),
      // chrome-launcher adds --remote-debugging-port, a throwaway profile, and its own quiet flags.
      launch({
        chromePath: executablePath,
        chromeFlags: [...chromiumArgs],
        logLevel: 'silent',
        handleSIGINT: false,
      }).then((launched) => (chrome = launched)),
    ]);
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
    if (system === undefined || chrome === undefined)
      throw new Error('bench web: the system or Chromium did not start');
    browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
    const browserVersion = await browser.version();
    const origin = system.origin;
    endPhase('start');

    // The app keeps its tokens in sessionStorage, which belongs to one tab: Lighthouse must audit
    // the very tab that logged in (it is given this page) and leave its storage alone.
    console.log(`Logging in as BSN ${citizenBsn} through the login page…`);
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${origin}/`, { waitUntil: 'networkidle0' });
    await page.locator('::-p-aria([name="Inloggen"][role="button"])').click();
    await page.waitForSelector('#bsn');
    await page.type('#bsn', citizenBsn);
    await page.locator('form button[type="submit"]').click();
    // A string, as the DOM types are not in this project's lib; puppeteer re-evaluates it after each navigation.
    await page.waitForFunction(
      `location.pathname === '/' && document.querySelectorAll('[data-testid="pot"]').length > 0`,
      { timeout: 20_000 },
    );
    await page.setViewport(null);
    endPhase('login');

    const desktopConfig = lighthouseModule.desktopConfig;
    /**
     * One Lighthouse run on the page `page` is on. The apps keep their tokens in sessionStorage,
     * which belongs to one tab: Lighthouse audits the very tab that signed in and leaves its storage alone.
     */
    const audit = async (
      page: Awaited<ReturnType<NonNullable<typeof browser>['newPage']>>,
      preset: LighthouseRun['preset'],
      expected: ExpectedPage,
    ): Promise<LighthouseRun> => {
      const url = `${origin}${expected.path}`;
      console.log(`Lighthouse (${preset}) on ${url}…`);
      const runStartedMs = performance.now();
      const runLighthouse = () =>
        lighthouse(
          url,
          {
            logLevel: 'error',
            output: 'html',
            onlyCategories: ['performance', 'accessibility'],
            disableStorageReset: true,
            throttlingMethod: 'simulate',
          },
          preset === 'desktop' ? desktopConfig : undefined,
          // puppeteer-core here is the same version Lighthouse uses; its own Page type is the one it declares.
          page as unknown as Parameters<typeof lighthouse>[3],
        );
      let result = await runLighthouse();
      // On a busy machine Lighthouse now and then loses the start of its trace, and asks to be run again.
      for (let attempt = 1; attempt < lighthouseAttemptsMax; attempt += 1) {
        const code = result?.lhr.runtimeError?.code;
        if (code === undefined || !retriedRuntimeErrors.includes(code)) break;
        console.log(`Lighthouse (${preset}): ${code}; running it again`);
        result = await runLighthouse();
      }
      if (result === undefined) throw new Error(`bench web: Lighthouse (${preset}) returned nothing`);
      const { lhr } = result;
      if (lhr.runtimeError !== undefined)
        throw new Error(`bench web: Lighthouse (${preset}): ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const pageCheck = (await page.evaluate(pageCheckScript(expected.itemSelector))) as LighthouseRun['pageCheck'];
      if (pageCheck.path !== expected.path || pageCheck.heading !== expected.heading || pageCheck.items === 0) {
        throw new Error(
          `bench web: Lighthouse (${preset}) did not audit ${expected.path} as expected: ${JSON.stringify(pageCheck)}`,
        );
      }
      const audit = (id: string): AuditResult | undefined => lhr.audits[id] as AuditResult | undefined;
      const numeric = (id: string): number | null => {
        const value = audit(id)?.numericValue;
        return value === undefined
          ? null
          : id === 'cumulative-layout-shift'
            ? Math.round(value * 1000) / 1000
            : Math.round(value);
      };
      const score = (id: string): number | null => {
        const value = lhr.categories[id]?.score;
        return value === undefined || value === null ? null : Math.round(value * 100);
      };
      const accessibilityFailures = (lhr.categories['accessibility']?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0)
        .map((ref) => ({ id: ref.id, score: audit(ref.id)?.score }))
        .filter((entry) => entry.score !== null && entry.score !== undefined && entry.score < 1)
        .map((entry) => entry.id);
      const requestUrls = (audit('network-requests')?.details?.items ?? []).map((item) => item.url ?? '');
      const assetFiles = requestUrls.flatMap((url) => {
        const match = /^https?:\/\/[^/]+\/assets\/([^/?#]+)/.exec(url);
        return match?.[1] === undefined ? [] : [match[1]];
      });
      const externalRequests = requestUrls.filter((url) => {
        if (!/^https?:/.test(url)) return false;
        const host = new URL(url).hostname;
        return host !== 'localhost' && host !== '127.0.0.1';
      }).length;

      const reportFile = path.join(benchDirectory, `${expected.name}-${preset}.html`);
      const screenshotFile = path.join(benchDirectory, `${expected.name}-${preset}-final.jpg`);
      await mkdir(benchDirectory, { recursive: true });
      const report = Array.isArray(result.report) ? (result.report[0] ?? '') : result.report;
      await writeFile(reportFile, report);
      const screenshotData = audit('final-screenshot')?.details?.data;
      if (screenshotData !== undefined)
        await writeFile(screenshotFile, Buffer.from(screenshotData.replace(/^data:image\/\w+;base64,/, ''), 'base64'));

      const run: LighthouseRun = {
        preset,
        formFactor: lhr.configSettings.formFactor,
        throttlingMethod: lhr.configSettings.throttlingMethod,
        requestedUrl: lhr.requestedUrl ?? url,
        finalUrl: lhr.finalDisplayedUrl,
        pageCheck,
        assetFiles: [...new Set(assetFiles)].sort(),
        scores: { performance: score('performance'), accessibility: score('accessibility') },
        metrics: {
          firstContentfulPaintMs: numeric('first-contentful-paint'),
          largestContentfulPaintMs: numeric('largest-contentful-paint'),
          totalBlockingTimeMs: numeric('total-blocking-time'),
          cumulativeLayoutShift: numeric('cumulative-layout-shift'),
          speedIndexMs: numeric('speed-index'),
          interactiveMs: numeric('interactive'),
        },
        accessibilityFailures,
        requests: requestUrls.length,
        externalRequests,
        warnings: lhr.runWarnings,
        durationSeconds: round((performance.now() - runStartedMs) / 1000),
        reportFile: path.relative(projectRoot, reportFile),
        screenshotFile: path.relative(projectRoot, screenshotFile),
      };
      endPhase(`${expected.name} ${preset}`);
      return run;
    };
    const runs: LighthouseRun[] = [];
    for (const preset of ['desktop', 'mobile'] as const) runs.push(await audit(page, preset, citizenOverview));

    // The business portal's start page as an employer, in a tab of its own: the portal's session
    // is apart from the citizen's. Signed in through the local stand-in for eHerkenning.
    console.log(`Signing in to the portal as ${portalOrganisation}…`);
    const portalPage = await browser.newPage();
    portalPage.setDefaultTimeout(15_000);
    await portalPage.setViewport({ width: 1280, height: 900 });
    await portalPage.goto(`${origin}${portalStart.path}`, { waitUntil: 'networkidle0' });
    await portalPage.locator('::-p-aria([name="Inloggen"][role="button"])').click();
    await portalPage.waitForSelector(portalLoginField);
    await portalPage.type(portalLoginField, portalOrganisation);
    await portalPage.locator('form button[type="submit"]').click();
    await portalPage.waitForFunction(
      `location.pathname === '${portalStart.path}' && ` +
        `document.querySelectorAll('${portalStart.itemSelector}').length > 0`,
      { timeout: 20_000 },
    );
    await portalPage.setViewport(null);
    endPhase('portal login');
    const portalRuns = [await audit(portalPage, 'mobile', portalStart)];
    const firstPageOf = (audited: readonly LighthouseRun[], what: string) => {
      const mobile = audited.find((run) => run.preset === 'mobile');
      if (mobile === undefined) throw new Error(`bench web: no mobile Lighthouse run of ${what}`);
      const loaded = { js: loadedTotals(sizes.assets, mobile, 'js'), css: loadedTotals(sizes.assets, mobile, 'css') };
      if (loaded.js.files === 0 || loaded.css.files === 0)
        throw new Error(`bench web: ${what} loaded no JavaScript or no CSS: ${mobile.assetFiles.join(', ')}`);
      return loaded;
    };
    return {
      build,
      ...sizes,
      firstPage: firstPageOf(runs, 'the overview'),
      lighthouse: { version: lighthouseVersion, browser: browserVersion, runs },
      portal: { firstPage: firstPageOf(portalRuns, "the portal's start page"), runs: portalRuns },
      phaseSeconds,
    };
  } finally {
    await stopAll();
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
  }
}

/** The web figures as text tables, for the bench's report. */
export function webReport(web: WebFigures): string[] {
  const lines: string[] = [];
  const kib = (bytes: number) => String(round(bytes / 1024));
  const build = web.build.rebuilt ? `rebuilt in ${web.build.seconds} s` : `build of ${web.build.builtAt} was fresh`;
  lines.push(
    '',
    `Web app (web/dist/assets, ${build}; Vite mode ${web.build.mode}, React ${web.build.react} build; ` +
      'gzip = node:zlib level 9)',
  );
  lines.push(
    table(
      ['file', 'bytes', 'KiB', 'gzip bytes', 'gzip KiB'],
      [
        ...web.assets.map((asset) => [
          asset.file,
          String(asset.bytes),
          kib(asset.bytes),
          String(asset.gzipBytes),
          kib(asset.gzipBytes),
        ]),
        ...(['js', 'css'] as const).map((kind) => {
          const totals = web[kind];
          return [
            `total ${kind} (${totals.files} files)`,
            String(totals.bytes),
            kib(totals.bytes),
            String(totals.gzipBytes),
            kib(totals.gzipBytes),
          ];
        }),
      ],
    ),
  );
  for (const kind of ['js', 'css'] as const) {
    const loaded = web.firstPage[kind];
    lines.push(
      `  the overview loaded ${kind}: ${loaded.files} files, ${kib(loaded.bytes)} KiB, ` +
        `${kib(loaded.gzipBytes)} KiB gzip (${loaded.fileNames.join(', ')})`,
    );
  }
  const { lighthouse } = web;
  lines.push(
    '',
    `Lighthouse ${lighthouse.version} on ${lighthouse.browser}: ` +
      `the overview page as Jan (BSN ${citizenBsn}), simulated throttling; scores 0–100`,
  );
  lines.push(...lighthouseLines(lighthouse.runs));
  const { portal } = web;
  for (const kind of ['js', 'css'] as const) {
    const loaded = portal.firstPage[kind];
    lines.push(
      `  the portal's start page loaded ${kind}: ${loaded.files} files, ${kib(loaded.bytes)} KiB, ` +
        `${kib(loaded.gzipBytes)} KiB gzip`,
    );
  }
  lines.push('', `Lighthouse on the business portal's start page as ${portalOrganisation} (${portalStartTitle})`);
  lines.push(...lighthouseLines(portal.runs));
  return lines;
}

/** Lighthouse's scores and metrics per run, with the audits that did not pass and the reports. */
function lighthouseLines(runs: readonly LighthouseRun[]): string[] {
  const lines: string[] = [];
  lines.push(
    table(
      [
        'preset',
        'performance',
        'accessibility',
        'FCP ms',
        'LCP ms',
        'TBT ms',
        'CLS',
        'SI ms',
        'TTI ms',
        'items seen',
        'requests (external)',
      ],
      runs.map((run) => [
        `${run.preset} (${run.formFactor})`,
        String(run.scores.performance ?? '–'),
        String(run.scores.accessibility ?? '–'),
        String(run.metrics.firstContentfulPaintMs ?? '–'),
        String(run.metrics.largestContentfulPaintMs ?? '–'),
        String(run.metrics.totalBlockingTimeMs ?? '–'),
        String(run.metrics.cumulativeLayoutShift ?? '–'),
        String(run.metrics.speedIndexMs ?? '–'),
        String(run.metrics.interactiveMs ?? '–'),
        String(run.pageCheck.items),
        `${run.requests} (${run.externalRequests})`,
      ]),
    ),
  );
  for (const run of runs) {
    if (run.accessibilityFailures.length > 0)
      lines.push(`  ${run.preset}: accessibility audits not passed: ${run.accessibilityFailures.join(', ')}`);
    for (const warning of run.warnings) lines.push(`  ${run.preset}: warning: ${warning}`);
  }
  lines.push(`  reports: ${runs.map((run) => `${run.reportFile}, ${run.screenshotFile}`).join('; ')}`);
  return lines;
}

/** A plain text table: columns padded to their widest cell (as in run.ts). */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `  ${cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()}`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

// As a child of runWebPhase: `web.ts <result file>`.
runAsChildPhase(
  thisFile,
  'usage: tsx test/bench/web.ts <result file>   ' +
    '(npm run bench runs it; BENCH_ONLY=web npm run bench runs just this phase)',
  measureWeb,
);
