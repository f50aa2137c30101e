/** The guest page's own i18next instance: German by default, English switchable; the call's texts shared. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { registerCallLocales } from '../call/call-locales.js';
import de from './locales/de.json';
import en from './locales/en.json';

export type GuestLanguage = 'de' | 'en';

/** German, the agency's language, unless the guest switched in this tab (the switch is on every step). */
function initialLanguage(): GuestLanguage {
  return sessionStorage.getItem('guest.language') === 'en' ? 'en' : 'de';
}

export async function initGuestI18n(): Promise<void> {
  const language = initialLanguage();
  await i18next.use(initReactI18next).init({
    resources: { de: { guest: de }, en: { guest: en } },
    lng: language,
    fallbackLng: 'de',
    defaultNS: 'guest',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  registerCallLocales(i18next);
  document.documentElement.lang = language;
}

export async function setGuestLanguage(language: GuestLanguage): Promise<void> {
  sessionStorage.setItem('guest.language', language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
