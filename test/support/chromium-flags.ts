/**
 * The flags Chromium runs with in the end-to-end tests and the benchmark: headless, no sandbox
 * (CI runs as root), and nothing that phones home (this machine has no internet). Kept apart from
 * browser.ts so the benchmark can use it without vitest's runner.
 */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;
