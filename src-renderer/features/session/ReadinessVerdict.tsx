/** The verdict of the newest device check (readiness), shown before the counsellor opens the room. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VERDICT_LABELS } from '../../../src-shared/readiness/messages.js';
import type { ReadinessReport } from '../../../src-shared/readiness/report.js';
import { bridge } from '../../bridge/index.js';

export function ReadinessVerdict() {
  const { t, i18n } = useTranslation('session');
  const [latest, setLatest] = useState<ReadinessReport | null | undefined>(undefined);

  useEffect(() => {
    bridge.call['readiness.history']({}).then(
      // By instant, not by text: reports carry the offset of their day (+01:00, +02:00), so text order can lie across a DST switch.
      ({ reports }) => setLatest([...reports].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0] ?? null),
      () => setLatest(null),
    );
  }, []);

  if (latest === undefined) return null;
  const language = i18n.language === 'en' ? 'en' : 'de';
  return (
    <p className="session__readiness" data-verdict={latest?.verdict ?? 'none'}>
      {latest
        ? t('readiness.latest', { verdict: VERDICT_LABELS[latest.verdict][language], date: new Date(latest.createdAt).toLocaleString(language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' }) })
        : t('readiness.none')}{' '}
      <a href="#/geraetepruefung">{t('readiness.check')}</a>
    </p>
  );
}
