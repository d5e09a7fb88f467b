import '../src/design-system.ts';
import '../src/styles.css';
import './portal.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { PortalApp, type PortalTexts } from './app.tsx';
import { loadPortalMessages, storedLanguage } from './i18n/index.ts';
import { nl } from './i18n/nl.ts';

const root = document.getElementById('root');
if (root === null) throw new Error('zakelijk/index.html has no #root');
// Someone who chose English before (here or in the citizen app) gets it from the first render on;
// when its texts cannot be fetched, the portal starts in Dutch.
const language = storedLanguage();
const initial: PortalTexts = await loadPortalMessages(language).then(
  (t) => ({ language, t }),
  () => ({ language: 'nl', t: nl }),
);
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <PortalApp initial={initial} />
    </StrictMode>,
  );
});
