import './design-system.ts';
import './styles.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type LanguageTexts } from './app.tsx';
import { loadMessages, storedLanguage } from './i18n/index.ts';
import { nl } from './i18n/nl.ts';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
// Someone who chose English before gets it from the first render on; when its texts cannot be
// fetched, the app starts in Dutch.
const language = storedLanguage();
const initial: LanguageTexts = await loadMessages(language).then(
  (t) => ({ language, t }),
  () => ({ language: 'nl', t: nl }),
);
// As a transition, React renders the first page in slices and lets the browser in between, instead
// of one long task that keeps it from answering input (Lighthouse counts it as blocking time).
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <App initial={initial} />
    </StrictMode>,
  );
});
