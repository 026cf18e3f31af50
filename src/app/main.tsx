import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startClock } from '../store/actions.ts';
import { App } from './App.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lost its #root element');
startClock();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
