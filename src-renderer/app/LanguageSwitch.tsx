import { useTranslation } from 'react-i18next';
import { Language } from '../../src-shared/ipc/features/app.js';
import { bridge } from '../bridge/index.js';

/** The language is a preference of the back office, so it survives restarts and applies to every window. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span>{t('language.label')}</span>
      <select
        value={i18n.language}
        onChange={(event) => {
          const parsed = Language.safeParse(event.target.value);
          if (parsed.success) void bridge.call['preferences.set']({ language: parsed.data });
        }}
      >
        {Language.options.map((language) => (
          <option key={language} value={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
