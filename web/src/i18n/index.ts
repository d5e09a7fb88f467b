/**
 * The app's language: Dutch (the default, at language level B1) or English, with every text of
 * both in `nl.ts` and `en.ts`. The choice is kept in localStorage, so it survives a reload.
 */
import { createContext, useContext } from 'react';
import { en } from './en.ts';
import { type Messages, nl } from './nl.ts';

export type { EntryFacts } from './entry-facts.ts';
export type { Messages } from './nl.ts';

export type Language = 'nl' | 'en';
const storageKey = 'leerrekening.language';

/** The language the person chose before, or Dutch. */
export function storedLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

/** Remembers the person's choice of language for the next visit. */
export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private browsing may refuse storage; the choice then lasts until the page reloads.
  }
}

export const messages: Record<Language, Messages> = { nl, en };

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
