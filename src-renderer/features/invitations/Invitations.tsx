/**
 * Inviting from the app (appointment panel, pre-join): a personal link for the customer and for further people
 * with their role, to copy or send by e-mail, and the list of the appointment's links with their state as the
 * server sees it now (refreshed while shown), each revocable. The links live on the server only.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { AGENCY_TIME_ZONE } from '../../../src-shared/rules/index.js';
import type { GuestLinkInfo } from '../../../src-shared/signalling/guest-api.js';
import type { GuestRole } from '../../../src-shared/signalling/messages.js';
import { bridge } from '../../bridge/index.js';
import { invitationMail, mailtoHref } from './invitation-mail.js';
import './invitations.css';
import { intlLocale } from '../../app/intl-locale.js';

/** How often the list asks the server again while it is shown: guests open, consent and wait meanwhile. */
const REFRESH_MS = 4_000;
const FURTHER_ROLES = ['interpreter', 'carer', 'companion'] as const satisfies readonly GuestRole[];
const LIVE_STATES = new Set<GuestLinkInfo['state']>(['created', 'opened', 'consented', 'waiting', 'in_call']);

type AppointmentFacts = Pick<Appointment, 'id' | 'start' | 'type' | 'fachdienst'>;

export function Invitations({ appointment }: { readonly appointment: AppointmentFacts }) {
  const { t, i18n } = useTranslation('invitations');
  const [links, setLinks] = useState<GuestLinkInfo[] | null>(null);
  const [further, setFurther] = useState<(typeof FURTHER_ROLES)[number]>('interpreter');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const appointmentId = appointment.id;

  useEffect(() => {
    let current = true;
    const load = () =>
      bridge.call['invitations.list']({ appointmentId }).then(
        (reply) => {
          if (!current) return;
          setLinks(reply.links);
          setProblem(null);
        },
        (cause: unknown) => current && setProblem((cause as Error).message),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [appointmentId]);

  const create = async (role: GuestRole) => {
    setBusy(true);
    setNotice(null);
    try {
      const link = await bridge.call['invitations.create']({ appointmentId, role });
      setLinks((current) => [...(current ?? []).filter((known) => known.linkId !== link.linkId), link]);
      setProblem(null);
    } catch (cause) {
      setProblem((cause as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const copy = async (link: GuestLinkInfo) => {
    const role = t(`roles.${link.role}`);
    try {
      await navigator.clipboard.writeText(link.url);
      setNotice(t('copied', { role }));
    } catch {
      setNotice(t('copyFailed'));
    }
  };

  const revoke = async (link: GuestLinkInfo) => {
    try {
      const revoked = await bridge.call['invitations.revoke']({ linkId: link.linkId });
      setLinks((current) => (current ?? []).map((known) => (known.linkId === revoked.linkId ? revoked : known)));
      setNotice(t('revoked', { role: t(`roles.${link.role}`) }));
      setProblem(null);
    } catch (cause) {
      setProblem((cause as Error).message);
    }
  };

  const until = (iso: string) => new Date(iso).toLocaleString(intlLocale(i18n.language), { dateStyle: 'short', timeStyle: 'short', timeZone: AGENCY_TIME_ZONE });

  return (
    <section className="invitations" aria-labelledby={`invitations-${appointmentId}`} data-testid="invitations">
      <h3 id={`invitations-${appointmentId}`}>{t('title')}</h3>
      <p className="hint">{t('intro')}</p>
      <div className="invitations__create">
        <button type="button" className="button--primary" disabled={busy} onClick={() => void create('customer')}>
          {t('inviteCustomer')}
        </button>
        <label>
          {t('further')}
          <select value={further} onChange={(event) => setFurther(event.target.value as (typeof FURTHER_ROLES)[number])}>
            {FURTHER_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy} onClick={() => void create(further)}>
          {busy ? t('creating') : t('inviteFurther')}
        </button>
      </div>
      {problem && (
        <p role="alert" className="notice notice--bad">
          {t('failed', { message: problem })}
        </p>
      )}
      {links === null && !problem && <p>{t('loading')}</p>}
      {links?.length === 0 && <p>{t('none')}</p>}
      {links && links.length > 0 && (
        <ul className="invitations__list" aria-label={t('listLabel')}>
          {links.map((link) => {
            const role = t(`roles.${link.role}`);
            const state = link.endedBy ? t(`endedBy.${link.endedBy}`) : t(`state.${link.state}`);
            const live = LIVE_STATES.has(link.state);
            return (
              <li key={link.linkId} data-link-id={link.linkId} data-role={link.role} data-state={link.state} aria-label={`${role}: ${state}`}>
                <span className="invitations__role">{role}</span> <span className="invitations__state">{state}</span>
                {live && <span className="hint"> · {t('validUntil', { until: until(link.expiresAt) })}</span>}
                {live && (
                  <div className="invitations__actions">
                    <input type="text" readOnly value={link.url} aria-label={t('linkField', { role })} onFocus={(event) => event.currentTarget.select()} />
                    <button type="button" aria-label={`${t('copy')}: ${role}`} onClick={() => void copy(link)}>
                      {t('copy')}
                    </button>
                    <a className="button button--secondary" href={mailtoHref(invitationMail(appointment, link, t, i18n.language))} target="_blank" rel="noreferrer" aria-label={`${t('mail')}: ${role}`}>
                      {t('mail')}
                    </a>
                    <button type="button" aria-label={`${t('revoke')}: ${role}`} onClick={() => void revoke(link)}>
                      {t('revoke')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" className="invitations__notice">
        {notice}
      </p>
    </section>
  );
}

/** The same for an appointment known by id only (pre-join): its facts come from the encrypted cache. */
export function InvitationsOf({ appointmentId }: { readonly appointmentId: string }) {
  const [appointment, setAppointment] = useState<AppointmentFacts | null>(null);
  useEffect(() => {
    let current = true;
    bridge.call['appointments.get']({ appointmentId }).then(
      (found) => current && setAppointment(found),
      () => current && setAppointment(null),
    );
    return () => {
      current = false;
    };
  }, [appointmentId]);
  return appointment ? <Invitations appointment={appointment} /> : null;
}
