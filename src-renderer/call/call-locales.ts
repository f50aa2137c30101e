/**
 * The call components' texts (namespace `call`), shared by the client and the guest page: each app registers
 * them once with its own i18next instance.
 */
import type { i18n } from 'i18next';
import de from './locales/de.json';
import en from './locales/en.json';

export const CALL_NAMESPACE = 'call';

export function registerCallLocales(instance: i18n): void {
  if (instance.hasResourceBundle('de', CALL_NAMESPACE)) return;
  instance.addResourceBundle('de', CALL_NAMESPACE, de);
  instance.addResourceBundle('en', CALL_NAMESPACE, en);
}
