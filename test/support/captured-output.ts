import { format } from 'node:util';

/**
 * Captures everything this process writes to stdout and stderr, and everything it passes to
 * `console`, while a capture is running. The local system runs in the test's own process, so
 * this sees every log line the handlers, the authorizer and the local server write.
 */
export interface OutputCapture {
  /** Everything captured so far, in order. */
  text(): string;
  /** Everything captured since the last call of `sinceLastMark` (or the start). */
  sinceLastMark(): string;
  /** Stops capturing and puts the original writers back. */
  stop(): void;
}

type Write = typeof process.stdout.write;
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Starts capturing. Captured output is also passed through when `passThrough` is true (to see it
 * while debugging); by default it is swallowed, so a test that logs on purpose stays quiet.
 */
export function captureOutput({ passThrough = false }: { passThrough?: boolean } = {}): OutputCapture {
  const chunks: string[] = [];
  let mark = 0;
  const originalStdout = process.stdout.write;
  const originalStderr = process.stderr.write;
  const originalConsole = Object.fromEntries(consoleMethods.map((method) => [method, console[method]])) as Record<
    (typeof consoleMethods)[number],
    (...args: unknown[]) => void
  >;

  const intercept = (original: Write, stream: NodeJS.WriteStream): Write =>
    function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      if (passThrough) return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
      const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    } as Write;

  process.stdout.write = intercept(originalStdout, process.stdout);
  process.stderr.write = intercept(originalStderr, process.stderr);
  for (const method of consoleMethods) {
    console[method] = (...args: unknown[]) => {
      // What console itself would print: util.format, errors with their stack and cause.
      chunks.push(`${format(...args)}\n`);
      if (passThrough) originalConsole[method].apply(console, args);
    };
  }

  return {
    text: () => chunks.join(''),
    sinceLastMark() {
      const text = chunks.slice(mark).join('');
      mark = chunks.length;
      return text;
    },
    stop() {
      process.stdout.write = originalStdout;
      process.stderr.write = originalStderr;
      for (const method of consoleMethods) console[method] = originalConsole[method];
    },
  };
}
