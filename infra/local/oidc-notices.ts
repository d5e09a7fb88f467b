/**
 * oidc-provider's development notices: routed away from the console while the provider loads
 * and starts, and by default dropped when they are the ones expected in local mode.
 */

/** oidc-provider's start-up notices that are expected in local mode and say nothing new. */
const expectedNotices: readonly RegExp[] = [
  // oidc-provider 9 asks for Node 22; the project targets Node 20 and the provider works there.
  /Unsupported runtime/,
  // Local mode keeps sessions, grants and tokens in memory on purpose.
  /in-memory adapter/,
];

/**
 * oidc-provider writes its development notices straight to the console, prefixed with
 * "oidc-provider". While `action` runs (the import and the construction, where the start-up
 * notices come from), those lines go to `onNotice` instead; other console output is untouched.
 */
export async function withRoutedNotices<T>(onNotice: (message: string) => void, action: () => Promise<T>): Promise<T> {
  const { warn, info } = console;
  const route =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]): void => {
      const [first] = args;
      if (typeof first === 'string' && first.includes('oidc-provider ')) {
        // The provider colours its notices when the console is a terminal; drop the colour codes.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what starts a colour code.
        onNotice(first.replace(/\x1b\[[0-9;]*m/g, ''));
        return;
      }
      original.apply(console, args);
    };
  console.warn = route(warn);
  console.info = route(info);
  try {
    return await action();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}

/** Drops the notices expected in local mode and passes any other to the console. */
export function defaultNoticeHandler(message: string): void {
  if (expectedNotices.some((pattern) => pattern.test(message))) return;
  console.warn(message);
}
