// Runs in a fresh `node` process per measurement, so the import below is a real cold start of the
// bundle: nothing is cached yet. Prints one JSON line with the time the import took.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const bundlePath = process.argv[2];
if (bundlePath === undefined) {
  console.error('usage: node import-timer.mjs <bundle.mjs>');
  process.exit(2);
}
const startMs = performance.now();
const module = await import(pathToFileURL(bundlePath).href);
const importMs = performance.now() - startMs;
if (typeof module.handler !== 'function') {
  console.error(`${bundlePath} exports no handler`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ importMs, sinceProcessStartMs: performance.now() })}\n`);
// Module scope may have opened handles (SDK clients, timers); the measurement is done.
process.exit(0);
