/**
 * The app's language: Dutch (the default, at language level B1) or English, with every text of
 * both in `nl.ts` and `en.ts`. The choice is kept in localStorage, so it survives a reload. The
 * English texts are loaded when first needed: most people read the Dutch, and the first page need
 * not carry both.
 */
import { createContext, useContext } from 'react';
import type { Language } from '../language-choice.ts';
import { type Messages, nl } from './nl.ts';

export { type Language, storedLanguage, storeLanguage } from '../language-choice.ts';
export type { EntryFacts } from './entry-facts.ts';
export type { Messages } from './nl.ts';

let english: Promise<Messages> | undefined;

/** The texts of a language; the English ones are fetched once, when first asked for. */
export function loadMessages(language: Language): Promise<Messages> {
  if (language === 'nl') return Promise.resolve(nl);
  english ??= import('./en.ts').then((module) => module.en);
  // A failed fetch is tried again next time.
  english.catch(() => {
    english = undefined;
  });
  return english;
}

export interface LanguageContextValue {
  readonly language: Language;
  readonly t: Messages;
  setLanguage(language: Language): void;
}

export const LanguageContext = createContext<LanguageContextValue>({
  language: 'nl',
  t: nl,
  setLanguage: () => undefined,
});

/** The current language, its texts, and the way to switch. */
export function useLanguage(): LanguageContextValue {
  return useContext(LanguageContext);
}
