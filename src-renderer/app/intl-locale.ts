/**
 * The Intl locale of a UI language: German as in Germany (02.12.2026, 14,4 %), English as in the UK
 * (02/12/2026, 14.4%) — the bare "en" would give US dates (12/2/2026). Every date and number goes through this.
 */
export const intlLocale = (language: string): string => (language === 'de' ? 'de-DE' : 'en-GB');
