/** The e-mail with a guest link: the link, the time in Berlin, the service named — except for BPS appointments. */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import de from '../../../src-renderer/features/invitations/locales/de.json';
import en from '../../../src-renderer/features/invitations/locales/en.json';
import { invitationMail, mailtoHref } from '../../../src-renderer/features/invitations/invitation-mail.js';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { de: { invitations: de }, en: { invitations: en } }, lng: 'de', defaultNS: 'invitations', interpolation: { escapeValue: false } });
});
const t = (lng: string) => i18n.getFixedT(lng, 'invitations');
const url = 'https://beratung.example/guest/#eyJsIjoiMSJ9.abc';
// 09:30 UTC is 10:30 in Berlin in December.
const av = { start: '2026-12-03T09:30:00.000Z', type: 'folgegespraech', fachdienst: 'AV' } as const;
const bpsByFachdienst = { start: '2026-12-03T09:30:00.000Z', type: 'folgegespraech', fachdienst: 'BPS' } as const;
const bpsByType = { start: '2026-12-03T09:30:00.000Z', type: 'bps_begutachtung', fachdienst: 'Reha' } as const;

describe('invitation e-mail', () => {
  it('carries the link and the appointment’s Berlin time, and names the customer’s service', () => {
    const mail = invitationMail(av, { role: 'customer', url }, t('de'), 'de');
    expect(mail.subject).toBe('Ihr Videotermin am Donnerstag, 3. Dezember 2026');
    expect(mail.body).toContain('am Donnerstag, 3. Dezember 2026 um 10:30 Uhr');
    expect(mail.body).toContain(`\n${url}\n`);
    expect(mail.body).toContain('Arbeitsvermittlung');
  });

  for (const [label, appointment] of [['Fachdienst BPS', bpsByFachdienst], ['a BPS appointment type', bpsByType]] as const) {
    it(`names neither the service nor BPS for ${label}, in every role and language`, () => {
      for (const language of ['de', 'en']) {
        for (const role of ['customer', 'interpreter', 'carer', 'companion'] as const) {
          const mail = invitationMail(appointment, { role, url }, t(language), language);
          const text = `${mail.subject}\n${mail.body}`;
          expect(text).toContain(url);
          for (const revealing of [/BPS/i, /psycholog/i, /Reha/i, /Arbeitsvermittlung|Berufsberatung|Rehabilitation/i, /placement|guidance|rehabilitation/i]) {
            expect(text, `${language} ${role}`).not.toMatch(revealing);
          }
        }
      }
    });
  }

  it('becomes a mailto address without recipient, with line breaks as CRLF', () => {
    const href = mailtoHref({ subject: 'Ihr Videotermin am 3. Dezember', body: 'Guten Tag,\nhier & dort' });
    expect(href).toBe('mailto:?subject=Ihr%20Videotermin%20am%203.%20Dezember&body=Guten%20Tag%2C%0D%0Ahier%20%26%20dort');
  });
});
