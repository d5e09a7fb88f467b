/**
 * The portal's language: Dutch (the default, at language level B1) or English, one choice with
 * the citizen app's (`../../src/language-choice.ts`). The English texts are loaded when first
 * needed, so the first page carries only the Dutch.
 */
import { createContext, useContext } from 'react';
import type { Language } from '../../src/language-choice.ts';
import { nl, type PortalMessages } from './nl.ts';

export { type Language, storedLanguage, storeLanguage } from '../../src/language-choice.ts';
export type { PortalMessages } from './nl.ts';

let english: Promise<PortalMessages> | undefined;

/** The texts of a language; the English ones are fetched once, when first asked for. */
export function loadPortalMessages(language: Language): Promise<PortalMessages> {
  if (language === 'nl') return Promise.resolve(nl);
  english ??= import('./en.ts').then((module) => module.en);
  // A failed fetch is tried again next time.
  english.catch(() => {
    english = undefined;
  });
  return english;
}

export interface PortalLanguageValue {
  readonly language: Language;
  readonly t: PortalMessages;
  setLanguage(language: Language): void;
}

export const PortalLanguageContext = createContext<PortalLanguageValue>({
  language: 'nl',
  t: nl,
  setLanguage: () => undefined,
});

/** The current language, its texts, and the way to switch. */
export function usePortalLanguage(): PortalLanguageValue {
  return useContext(PortalLanguageContext);
}
