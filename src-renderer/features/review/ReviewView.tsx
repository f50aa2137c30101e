import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Fachdienst } from '../../../src-shared/domain/appointment.js';
import { VKB_MAX_SAMPLE, VKB_MIN_SAMPLE } from '../../../src-shared/http/review-api.js';
import { isComplete, reviewCsv, reviewResult, VKB_ANSWERS, VKB_QUESTIONS } from '../../../src-shared/review/assessment.js';
import { useBackOfficeState } from '../../app/back-office-state.js';
import { today } from '../calendar/dates.js';
import '../calendar/workday.css';
import { useReview } from './review-store.js';
import './review.css';
import { intlLocale } from '../../app/intl-locale.js';

const previousMonth = (): string => {
  const [year, month] = today().split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
};

/** A seed anyone can read out and type again (audit): eight characters from an unambiguous alphabet. */
const newSeed = (): string => {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => alphabet[byte % alphabet.length]).join('');
};

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The VKB review for team leads (BA-Weisung 202503001 §2): month and process chosen, the seeded pseudonymised
 * sample of the lead's region drawn on the server, each case opened and assessed against the question
 * catalogue, and the result exported as CSV or JSON.
 */
export default function ReviewView() {
  const { t, i18n } = useTranslation('review');
  const ids = useId();
  const { sample, assessments, openCase, busy, error, draw, open, answer, comment } = useReview();
  const leadFachdienst = useBackOfficeState((state) => state.sync?.user?.fachdienst ?? null);
  const [month, setMonth] = useState(previousMonth);
  const [process, setProcess] = useState<Fachdienst | ''>('');
  const [seed, setSeed] = useState(newSeed);
  const [size, setSize] = useState(String(VKB_MIN_SAMPLE));
  const [invalid, setInvalid] = useState<string | null>(null);
  // BPS cases are health data: only a BPS lead may review them (the server holds to it either way).
  const processes = Fachdienst.options.filter((option) => option !== 'BPS' || leadFachdienst === 'BPS');
  const selected = sample?.cases.find((item) => item.caseId === openCase) ?? null;
  const assessed = sample ? sample.cases.filter((item) => isComplete(assessments[item.caseId])).length : 0;
  const monthName = (value: string) =>
    new Intl.DateTimeFormat(intlLocale(i18n.language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}-15T12:00:00Z`));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const count = Number(size);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return setInvalid(t('invalidMonth'));
    if (!seed.trim()) return setInvalid(t('invalidSeed'));
    if (!Number.isInteger(count) || count < VKB_MIN_SAMPLE || count > VKB_MAX_SAMPLE) return setInvalid(t('invalidSize', { min: VKB_MIN_SAMPLE, max: VKB_MAX_SAMPLE }));
    setInvalid(null);
    void draw({ month, seed: seed.trim(), sampleSize: count, fachdienst: process || null });
  };

  const exportAs = (format: 'csv' | 'json') => {
    if (!sample) return;
    const result = reviewResult(sample, assessments);
    const name = `vkb-${sample.month}-${sample.seed}.${format}`;
    if (format === 'csv') download(name, 'text/csv;charset=utf-8', `\uFEFF${reviewCsv(result)}`);
    else download(name, 'application/json', JSON.stringify(result, null, 2));
  };

  return (
    <section className="review-view" aria-labelledby="view-title">
      <h1 id="view-title">{t('title')}</h1>
      <p className="hint">{t('intro', { min: VKB_MIN_SAMPLE })}</p>

      <form className="review-controls" onSubmit={submit} noValidate>
        <label>
          {t('month')}
          <input type="month" value={month} onChange={(event) => setMonth(event.target.value)} data-testid="review-month" />
        </label>
        <label>
          {t('process')}
          <select value={process} onChange={(event) => setProcess(event.target.value as Fachdienst | '')} data-testid="review-process">
            <option value="">{t('allProcesses')}</option>
            {processes.map((option) => <option key={option} value={option}>{t(`fachdienst.${option}`)}</option>)}
          </select>
        </label>
        <label>
          {t('seed')}
          <input value={seed} onChange={(event) => setSeed(event.target.value)} maxLength={200} aria-describedby={`${ids}-seed`} data-testid="review-seed" />
        </label>
        <label>
          {t('size')}
          <input type="number" min={VKB_MIN_SAMPLE} max={VKB_MAX_SAMPLE} value={size} onChange={(event) => setSize(event.target.value)} data-testid="review-size" />
        </label>
        <button type="submit" disabled={busy} data-testid="review-draw">{busy ? t('drawing') : t('draw')}</button>
        <p className="hint" id={`${ids}-seed`}>{t('seedHint')}</p>
      </form>
      {(invalid || error) && <p className="notice notice--bad" role="alert">{invalid ?? error}</p>}

      {sample && (
        <div className="review-layout">
          <nav className="review-list" aria-label={t('cases')}>
            <p role="status" data-testid="review-summary">
              {t('summary', { drawn: sample.cases.length, population: sample.population, month: monthName(sample.month), region: sample.region, seed: sample.seed })}
            </p>
            {sample.population < VKB_MIN_SAMPLE && <p className="notice notice--warn">{t('fewCases', { min: VKB_MIN_SAMPLE })}</p>}
            <p>{t('progress', { assessed, total: sample.cases.length })}</p>
            <ol data-testid="review-cases">
              {sample.cases.map((item, index) => (
                <li key={item.caseId}>
                  <button type="button" aria-current={item.caseId === openCase ? 'true' : undefined} onClick={() => open(item.caseId)} data-testid="review-case-entry">
                    {t('caseLabel', { number: index + 1 })} · {t(`calendar:type.${item.type}`)} · {t(`calendar:channel.${item.channel}`)}
                    {' · '}
                    {isComplete(assessments[item.caseId]) ? t('assessed') : t('open')}
                  </button>
                </li>
              ))}
            </ol>
            <div className="actions">
              <button type="button" onClick={() => exportAs('csv')} data-testid="review-export-csv">{t('exportCsv')}</button>
              <button type="button" onClick={() => exportAs('json')} data-testid="review-export-json">{t('exportJson')}</button>
            </div>
          </nav>

          {selected && (
            <article className="review-case" aria-labelledby={`${ids}-case`} data-testid="review-case">
              <h2 id={`${ids}-case`}>{t('caseTitle', { number: sample.cases.indexOf(selected) + 1, pseudonym: selected.customerPseudonym })}</h2>
              <p className="hint">
                {t(`calendar:type.${selected.type}`)} · {t(`calendar:channel.${selected.channel}`)} · {selected.fachdienst} · {t('duration', { minutes: selected.durationMinutes })}
                {selected.redactions > 0 && ` · ${t('redactions', { count: selected.redactions })}`}
              </p>
              <dl className="facts">
                {(['anlass', 'situation', 'ziele', 'vereinbarungen'] as const).map((field) => (
                  <div key={field}>
                    <dt>{t(`notes:fields.${field}`)}</dt>
                    <dd>{selected.fields[field] || t('empty')}</dd>
                  </div>
                ))}
                <div>
                  <dt>{t('notes:fields.freeText')}</dt>
                  <dd>{selected.freeText || t('empty')}</dd>
                </div>
              </dl>
              <h3>{t('assessment')}</h3>
              {VKB_QUESTIONS.map((question) => (
                <fieldset key={question} className="review-question" data-testid={`review-question-${question}`}>
                  <legend>{t(`questions.${question}`)}</legend>
                  {VKB_ANSWERS.map((option) => (
                    <label key={option}>
                      <input type="radio" name={`${selected.caseId}-${question}`} value={option}
                        checked={assessments[selected.caseId]?.answers[question] === option}
                        onChange={() => answer(selected.caseId, question, option)} />
                      {t(`answers.${option}`)}
                    </label>
                  ))}
                </fieldset>
              ))}
              <label className="review-comment">
                {t('comment')}
                <textarea rows={3} maxLength={2000} value={assessments[selected.caseId]?.comment ?? ''} onChange={(event) => comment(selected.caseId, event.target.value)} />
              </label>
            </article>
          )}
        </div>
      )}
    </section>
  );
}
