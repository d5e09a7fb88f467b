import { useCallback, useEffect, useMemo, useState } from 'react';
import { type Language, storeLanguage } from './language-choice.ts';

/** A language with its texts, loaded. */
export interface LanguageTexts<Messages> {
  readonly language: Language;
  readonly t: Messages;
}

/**
 * The app's current language and texts, and the switch, for both apps: a switch takes effect once
 * the texts are there (when they cannot be fetched, it stays as it was), is remembered, and sets
 * the page's `lang`.
 */
export function useLanguageTexts<Messages>(
  initial: LanguageTexts<Messages>,
  load: (language: Language) => Promise<Messages>,
): LanguageTexts<Messages> & { setLanguage(language: Language): void } {
  const [{ language, t }, setTexts] = useState(initial);
  // `load` is a module function of each app, the same on every render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  const setLanguage = useCallback((next: Language) => {
    load(next).then(
      (texts) => {
        storeLanguage(next);
        setTexts({ language: next, t: texts });
      },
      (error: unknown) => console.error('the texts could not be loaded', error),
    );
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return useMemo(() => ({ language, t, setLanguage }), [language, t, setLanguage]);
}
