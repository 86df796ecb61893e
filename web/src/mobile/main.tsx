import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.ts';
import { MobileApp } from './app.tsx';
import './mobile.css';
import { startOutbox } from './outbox/outbox.ts';

const root = document.getElementById('root');
if (!root) throw new Error('m/index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <MobileApp />
  </StrictMode>,
);
// reports kept on the phone from an earlier visit go out now, and whenever the phone is back online
startOutbox();
