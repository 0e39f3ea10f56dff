import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PageRoot } from './app/PageRoot';
import { filterFromSearch } from './history/filter-state';
import { initFilter } from './history/calls-actions';
import { followPageToken, tabStorage } from './transport/page-token';
// Page-wide tokens and base styles first, then each part's own (one order, whatever imports what).
import './styles.css';
import './app/app-shell.css';
import './calls/calls.css';
import './tunnel/tunnel.css';
import './answers/answers.css';
import './replay/replay.css';
import './account/account.css';
import './handler/handler.css';
import './settings/settings.css';
import './project/project.css';

// The browser inspector's token is taken out of the address once read, and again whenever
// another address with one is opened in the tab (page-token.ts).
const token = window.companion
  ? undefined
  : followPageToken(
      {
        get hash() {
          return location.hash;
        },
        replaceHash: (hash) => history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`),
      },
      tabStorage(),
      window,
    );
initFilter(filterFromSearch(location.search));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <PageRoot desktop={window.companion} token={token} />
  </StrictMode>,
);
