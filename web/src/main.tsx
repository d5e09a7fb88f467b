// Only the NL Design System CSS of the components the pages use (the whole sheet is six times as
// large), and only the theme's design tokens: the app sets none of the tokens' dark, viewport or
// media-query classes. A component new to the pages needs its CSS package here too.
import '@utrecht/alert-css/dist/index.css';
import '@utrecht/button-css/dist/index.css';
import '@utrecht/button-group-css/dist/index.css';
import '@utrecht/data-list-css/dist/index.css';
import '@utrecht/document-css/dist/index.css';
import '@utrecht/form-field-css/dist/index.css';
import '@utrecht/form-field-description-css/dist/index.css';
import '@utrecht/form-field-error-message-css/dist/index.css';
import '@utrecht/form-label-css/dist/index.css';
import '@utrecht/heading-1-css/dist/index.css';
import '@utrecht/heading-2-css/dist/index.css';
import '@utrecht/heading-3-css/dist/index.css';
import '@utrecht/heading-4-css/dist/index.css';
import '@utrecht/link-css/dist/index.css';
import '@utrecht/page-css/dist/index.css';
import '@utrecht/page-content-css/dist/index.css';
import '@utrecht/page-footer-css/dist/index.css';
import '@utrecht/page-header-css/dist/index.css';
import '@utrecht/paragraph-css/dist/index.css';
import '@utrecht/select-css/dist/index.css';
import '@utrecht/skip-link-css/dist/index.css';
import '@utrecht/table-css/dist/index.css';
import '@utrecht/textbox-css/dist/index.css';
import '@utrecht/unordered-list-css/dist/index.css';
import '@utrecht/design-tokens/dist/theme.css';
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
