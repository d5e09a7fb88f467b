/**
 * The language someone chose: Dutch (the default) or English. It is kept in localStorage, so it
 * survives a reload, and it is one choice for the citizen app and the business portal alike.
 */

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
