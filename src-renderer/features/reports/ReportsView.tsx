import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { Land, type Appointment } from '../../../src-shared/domain/appointment.js';
import { IpcError } from '../../../src-shared/ipc/errors.js';
import { addCalendarDays, nahAmKundenReport, type ReportPeriod } from '../../../src-shared/rules/index.js';
import { bridge } from '../../bridge/index.js';
import { today } from '../calendar/dates.js';
import { mondayOf } from '../../../src-shared/rules/berlin-time.js';
import '../calendar/workday.css';
import { useRole } from '../../app/back-office-state.js';
import { SettingFigure } from '../settings/SettingFigure.js';
import { useEffectiveSettings } from '../settings/use-effective-settings.js';
import { COLOURS } from './charts.js';
import './reports.css';
import { intlLocale } from '../../app/intl-locale.js';

type Preset = 'thisWeek' | 'lastWeek' | 'thisMonth' | 'lastMonth';

function presetPeriod(preset: Preset): ReportPeriod {
  const now = today();
  if (preset === 'thisWeek') return { from: mondayOf(now), to: addCalendarDays(mondayOf(now), 6) };
  if (preset === 'lastWeek') return { from: addCalendarDays(mondayOf(now), -7), to: addCalendarDays(mondayOf(now), -1) };
  const first = `${now.slice(0, 7)}-01`;
  if (preset === 'thisMonth') return { from: first, to: addCalendarDays(`${nextMonth(now.slice(0, 7))}-01`, -1) };
  const previousFirst = `${previousMonth(now.slice(0, 7))}-01`;
  return { from: previousFirst, to: addCalendarDays(first, -1) };
}
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * "Nah am Kunden" figures for a chosen period from the local cache (works offline). Net working time and video
 * channels are managed settings: shown here with their source, edited in Einstellungen.
 */
/** The counsellor of their own report in a period without appointments (no appointment names them). */
const OWN_REPORT = 'own';

export default function ReportsView() {
  const { t, i18n } = useTranslation('reports');
  const [period, setPeriod] = useState<ReportPeriod>(() => presetPeriod('thisWeek'));
  const { settings, error: settingsError } = useEffectiveSettings();
  const netMinutes = settings?.values.netMinutesPerWorkingDay.value;
  const videoChannels = settings?.values.videoChannels.value;
  const [chosenLand, setLand] = useState<Land | null>(null);
  const [absentDays, setAbsentDays] = useState<Record<string, number>>({});
  const role = useRole();
  const [data, setData] = useState<{ period: ReportPeriod; items: Appointment[] } | null>(null);
  const [failure, setFailure] = useState<{ locked: boolean; message: string } | null>(null);

  useEffect(() => {
    let current = true;
    bridge.call['appointments.range'](period).then(
      ({ items }) => {
        if (!current) return;
        setData({ period, items });
        setFailure(null);
      },
      (error: unknown) => {
        if (current) setFailure({ locked: error instanceof IpcError && error.code === 'LOCKED', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [period]);

  const land: Land = chosenLand ?? data?.items[0]?.land ?? 'NW';
  // A counsellor is a Fachkraft of their own report also in a week without appointments; the cache holds only
  // their own, so any of them names them. A team lead's team is who has appointments in the period.
  const ownId = data?.items[0]?.counsellorId ?? OWN_REPORT;
  const counsellors = useMemo(() => (role === 'team_lead' ? [] : [ownId]), [role, ownId]);
  const report = useMemo(
    () =>
      data && netMinutes !== undefined && videoChannels !== undefined
        ? nahAmKundenReport(data.items, data.period, { land, netMinutesPerWorkingDay: netMinutes, videoChannels, today: today(), absentDays, counsellors })
        : null,
    [data, land, netMinutes, videoChannels, absentDays, counsellors],
  );

  const locale = intlLocale(i18n.language);
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const pct = (value: number | null) =>
    value === null ? t('noData') : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  // Team leads see counsellors by number and Fachdienst: the feed names no member of staff.
  const counsellorLabel = (counsellorId: string, index: number) =>
    role === 'counsellor'
      ? t('counselling.you')
      : t('counselling.counsellor', { number: index + 1, fachdienst: data?.items.find((item) => item.counsellorId === counsellorId)?.fachdienst ?? '' });
  const channelLabel = (channel: 'praesenz' | 'video' | 'telefon') => t(`calendar:channel.${channel}`);

  return (
    <section className="reports-view" aria-labelledby="view-title">
      <h1 id="view-title">{t('title')}</h1>
      <p className="hint">{t('intro')}</p>

      <form className="reports-controls" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t('period')}</legend>
          <div className="actions">
            {(['thisWeek', 'lastWeek', 'thisMonth', 'lastMonth'] as const).map((preset) => (
              <button key={preset} type="button" onClick={() => setPeriod(presetPeriod(preset))}>{t(`presets.${preset}`)}</button>
            ))}
          </div>
          <label>
            {t('from')}
            <input type="date" value={period.from} max={period.to} data-testid="report-from"
              onChange={(event) => event.target.value && setPeriod({ ...period, from: event.target.value })} />
          </label>
          <label>
            {t('to')}
            <input type="date" value={period.to} min={period.from} data-testid="report-to"
              onChange={(event) => event.target.value && setPeriod({ ...period, to: event.target.value })} />
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('settings')}</legend>
          {settings && (
            <div className="reports-figures">
              <SettingFigure settingKey="netMinutesPerWorkingDay" settings={settings} />
              <SettingFigure settingKey="videoChannels" settings={settings} />
            </div>
          )}
          <label>
            {t('land')}
            <select value={land} onChange={(event) => setLand(event.target.value as Land)}>
              {Land.options.map((option) => <option key={option} value={option}>{t(`app:land.${option}`)}</option>)}
            </select>
          </label>
        </fieldset>
      </form>

      {settingsError && <p className="notice notice--bad" role="alert">{t('settingsFailed', { message: settingsError })}</p>}
      {failure && <p className={`notice ${failure.locked ? 'notice--warn' : 'notice--bad'}`} role="alert">{failure.locked ? t('locked') : t('loadFailed', { message: failure.message })}</p>}
      {report && data && (
        <>
          <p role="status" data-testid="report-basis">{t('basis', { count: data.items.filter((a) => a.start.slice(0, 10) >= data.period.from && a.start.slice(0, 10) <= data.period.to).length })}</p>
          <div className="report-grid">
            <Figure id="channel" title={t('channel.title')} definition={t('channel.definition')}
              summary={t('channel.summary', { total: report.channelShare.total, ...report.channelShare.counts })}
              table={{
                head: ['', t('channel.count'), t('channel.share')],
                rows: (['praesenz', 'video', 'telefon'] as const).map((c) => [channelLabel(c), String(report.channelShare.counts[c]), pct(report.channelShare.shares[c])]),
              }}>
              <Bar aria-hidden="true" data={{
                labels: (['praesenz', 'video', 'telefon'] as const).map(channelLabel),
                datasets: [{ label: t('channel.count'), data: (['praesenz', 'video', 'telefon'] as const).map((c) => report.channelShare.counts[c]), backgroundColor: [COLOURS.praesenz, COLOURS.video, COLOURS.telefon] }],
              }} options={{ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }} />
            </Figure>

            <Figure id="counselling" title={t('counselling.title')}
              definition={t('counselling.definition', { minutes: netMinutes })}
              summary={`${t('counselling.summary', { share: pct(report.counsellingTime.share), minutes: report.counsellingTime.counsellingMinutes, net: report.counsellingTime.netWorkingMinutes, workdays: t('counselling.workdays', { count: report.counsellingTime.elapsedWorkingDays }), people: t('counselling.people', { count: report.counsellingTime.perCounsellor.length }), target: pct(report.counsellingTime.target) })} ${report.counsellingTime.meetsTarget === null ? t('counselling.noVerdict') : report.counsellingTime.meetsTarget ? t('counselling.met') : t('counselling.missed')}`}
              table={{ head: ['', t('counselling.share')], rows: [[t('counselling.share'), pct(report.counsellingTime.share)], [t('counselling.target'), pct(report.counsellingTime.target)]] }}>
              <Bar aria-hidden="true" data={{
                labels: [t('counselling.share'), t('counselling.target')],
                datasets: [{ label: t('counselling.share'), data: [Math.round((report.counsellingTime.share ?? 0) * 1000) / 10, report.counsellingTime.target * 100], backgroundColor: [report.counsellingTime.meetsTarget ? COLOURS.video : COLOURS.bad, COLOURS.target] }],
              }} options={{ indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { min: 0, max: 100 } } }} />
            </Figure>

            <section className="report-figure report-figure--wide" aria-labelledby="report-per-counsellor" data-testid="report-per-counsellor">
              <h2 id="report-per-counsellor">{t('counselling.perTitle')}</h2>
              <p className="hint">{t('counselling.perHint')}</p>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('counselling.who')}</th>
                    <th scope="col">{t('counselling.minutes')}</th>
                    <th scope="col">{t('counselling.absent')}</th>
                    <th scope="col">{t('counselling.days')}</th>
                    <th scope="col">{t('counselling.net')}</th>
                    <th scope="col">{t('counselling.share')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.counsellingTime.perCounsellor.map((counsellor, index) => (
                    <tr key={counsellor.counsellorId} data-testid="report-counsellor">
                      <th scope="row">{counsellorLabel(counsellor.counsellorId, index)}</th>
                      <td>{counsellor.counsellingMinutes}</td>
                      <td>
                        <input type="number" min={0} max={report.counsellingTime.elapsedWorkingDays} step={1} className="reports-absent"
                          aria-label={t('counselling.absentFor', { who: counsellorLabel(counsellor.counsellorId, index) })}
                          value={absentDays[counsellor.counsellorId] ?? 0}
                          onChange={(event) => setAbsentDays({ ...absentDays, [counsellor.counsellorId]: Math.max(0, Math.floor(Number(event.target.value) || 0)) })} />
                      </td>
                      <td>{counsellor.workingDays}</td>
                      <td>{counsellor.netWorkingMinutes}</td>
                      <td data-testid="report-counsellor-share">{pct(counsellor.share)}</td>
                    </tr>
                  ))}
                </tbody>
                {report.counsellingTime.perCounsellor.length > 1 && (
                  <tfoot>
                    <tr data-testid="report-team">
                      <th scope="row">{t('counselling.team')}</th>
                      <td>{report.counsellingTime.counsellingMinutes}</td>
                      <td />
                      <td />
                      <td>{report.counsellingTime.netWorkingMinutes}</td>
                      <td data-testid="report-team-share">{pct(report.counsellingTime.share)}</td>
                    </tr>
                  </tfoot>
                )}
              </table>
            </section>

            <Figure id="attendance" title={t('attendance.title')} definition={t('attendance.definition')}
              summary={t('attendance.summary', { noShowRate: pct(report.attendance.noShowRate), noShow: report.attendance.noShow, due: report.attendance.held + report.attendance.noShow, lossRate: pct(report.attendance.lossRate) })}
              table={{ head: ['', t('channel.count')], rows: [[t('attendance.held'), String(report.attendance.held)], [t('attendance.noShow'), String(report.attendance.noShow)], [t('attendance.cancelled'), String(report.attendance.cancelled)]] }}>
              <Bar aria-hidden="true" data={{
                labels: [t('attendance.held'), t('attendance.noShow'), t('attendance.cancelled')],
                datasets: [{ label: t('channel.count'), data: [report.attendance.held, report.attendance.noShow, report.attendance.cancelled], backgroundColor: [COLOURS.video, COLOURS.bad, COLOURS.neutral] }],
              }} options={{ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }} />
            </Figure>

            <Figure id="tvz" title={t('tvz.title')} definition={t('tvz.definition')}
              summary={t('tvz.summary', { share: pct(report.tvz.share), compliant: report.tvz.compliant, total: report.tvz.firstInterviews })}
              table={{ head: ['', t('channel.count')], rows: [[t('tvz.compliant'), String(report.tvz.compliant)], [t('tvz.breached'), String(report.tvz.breached)]] }}>
              <Bar aria-hidden="true" data={{
                labels: [t('tvz.compliant'), t('tvz.breached')],
                datasets: [{ label: t('channel.count'), data: [report.tvz.compliant, report.tvz.breached], backgroundColor: [COLOURS.video, COLOURS.bad] }],
              }} options={{ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }} />
            </Figure>

            <Figure id="load" title={t('load.title')} wide definition={t('load.definition')}
              summary={t('load.summary', { peaks: report.loadOverDay.filter((h) => h.daysOverCapacity > 0).map((h) => `${String(h.hour).padStart(2, '0')}:00`).join(', ') || t('load.none') })}
              table={{
                head: [t('load.hour'), t('load.appointments'), t('load.video'), t('load.peakDays')],
                rows: report.loadOverDay.map((h) => [`${String(h.hour).padStart(2, '0')}:00`, decimal.format(h.averageAppointments), decimal.format(h.averageVideo), String(h.daysOverCapacity)]),
              }}>
              <Bar aria-hidden="true" data={{
                labels: report.loadOverDay.map((h) => `${String(h.hour).padStart(2, '0')}`),
                datasets: [
                  { label: t('load.appointments'), data: report.loadOverDay.map((h) => h.averageAppointments), backgroundColor: COLOURS.praesenz },
                  { label: t('load.video'), data: report.loadOverDay.map((h) => h.averageVideo), backgroundColor: COLOURS.video },
                ],
              }} options={{ scales: { y: { beginAtZero: true } } }} />
            </Figure>
          </div>
        </>
      )}
    </section>
  );
}

/** One figure: heading, the figures in words (what a screen reader reads), the chart, and a values table. */
function Figure({ id, title, definition, summary, table, wide, children }: {
  id: string;
  title: string;
  /** How the figure is computed, in words ("so wird gerechnet"), shown beside it. */
  definition: string;
  summary: string;
  table: { head: string[]; rows: string[][] };
  wide?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation('reports');
  return (
    <section className={`report-figure${wide ? ' report-figure--wide' : ''}`} aria-labelledby={`report-${id}`} data-testid={`report-${id}`}>
      <h2 id={`report-${id}`}>{title}</h2>
      <p data-testid={`report-${id}-summary`}>{summary}</p>
      <p className="hint" data-testid={`report-${id}-definition`}>
        <strong>{t('howComputed')}</strong> {definition}
      </p>
      <div className="report-figure__chart">{children}</div>
      <details>
        <summary>{t('showTable')}</summary>
        <table className="data">
          <thead><tr>{table.head.map((cell, index) => <th key={index} scope="col">{cell}</th>)}</tr></thead>
          <tbody>{table.rows.map((row, index) => <tr key={index}>{row.map((cell, column) => column === 0 ? <th key={column} scope="row">{cell}</th> : <td key={column}>{cell}</td>)}</tr>)}</tbody>
        </table>
      </details>
    </section>
  );
}
