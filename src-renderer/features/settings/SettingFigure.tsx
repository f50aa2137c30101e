import { useTranslation } from 'react-i18next';
import type { EffectiveSettings } from '../../../src-shared/policy/settings.js';
import './settings.css';

/** The managed settings that other views use as planning figures. */
export type PlanningFigure = 'videoChannels' | 'netMinutesPerWorkingDay';

/**
 * A planning figure where it is used (the calendar's day load, the reports): its value, where it comes from, and
 * a link to Einstellungen. Read-only here on purpose: Einstellungen is the one editor, so locks, validation and the
 * "Von der IT verwaltet" explanation live in one place and two editors can never disagree about one value.
 */
export function SettingFigure({ settingKey, settings }: { settingKey: PlanningFigure; settings: EffectiveSettings }) {
  const { t } = useTranslation('settings');
  const { value, source, locked } = settings.values[settingKey];
  return (
    <p className="setting-figure" data-testid={`figure-${settingKey}`}>
      <span className="setting-figure__value">{t(`figure.${settingKey}`, { count: value })}</span>
      <span className={`setting-badge${locked ? ' setting-badge--managed' : ''}`}>{t(`source.${source}`)}</span>
      <a href={`#/einstellungen?setting=${settingKey}`}>{t(locked ? 'figure.why' : 'figure.change')}</a>
    </p>
  );
}
