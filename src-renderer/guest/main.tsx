import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GuestApp } from './GuestApp.js';
import { initGuestI18n } from './i18n.js';
import { takeLinkFromLocation } from './link-token.js';
import '../call/call.css';
import './guest.css';

const link = takeLinkFromLocation();
await initGuestI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <GuestApp link={link} />
  </StrictMode>,
);
