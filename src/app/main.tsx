import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startClock } from '../store/commands.ts';
import { App } from './App.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lost its #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// Sockets, evidence and the clock (countdowns, message rate): loaded right after the first render.
startClock();
