import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startClock } from '../store/commands.ts';
import { App } from './App.tsx';
import { applyDeepLink } from './deep-link.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lost its #root element');
// Before the first render: the fields show the link's values from the first paint.
applyDeepLink(window.location, window.history);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// Sockets, evidence and the clock (countdowns, message rate): loaded right after the first render.
startClock();
