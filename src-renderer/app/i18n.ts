/**
 * i18next with German as default and English complete. Each feature brings its own namespace in
 * `features/<feature>/locales/{de,en}.json`; they are collected at build time, so adding a feature needs no edit here.
 */
import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../src-shared/ipc/features/app.js';
import appDe from './locales/de.json';
import appEn from './locales/en.json';

const featureLocales = import.meta.glob<{ default: Record<string, unknown> }>('../features/*/locales/*.json', { eager: true });

function collectResources(): Resource {
  const resources: Resource = { de: { app: appDe }, en: { app: appEn } };
  for (const [path, module] of Object.entries(featureLocales)) {
    const match = /features\/([^/]+)\/locales\/(de|en)\.json$/.exec(path);
    if (!match) continue;
    const [, namespace, language] = match as unknown as [string, string, Language];
    resources[language]![namespace] = module.default;
  }
  return resources;
}

export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: collectResources(),
    lng: language,
    fallbackLng: 'de',
    defaultNS: 'app',
    interpolation: { escapeValue: false }, // React escapes already.
    returnNull: false,
  });
  document.documentElement.lang = language;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
