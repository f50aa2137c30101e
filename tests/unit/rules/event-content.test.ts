import { describe, expect, it } from 'vitest';
import { eventHtml } from '../../../src-renderer/features/calendar/event-content.js';
import { appointment } from './fixtures.js';

const t = (key: string) => `«${key}»`;

describe('calendar event markup', () => {
  it('escapes every value that comes from the server (the markup goes into innerHTML)', () => {
    const html = eventHtml(
      appointment({ customer: { customerNumber: '1', displayName: '<img src=x onerror=alert(1)>"\'&', pseudonym: 'p' } }),
      'not_required',
      t,
      'de',
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    expect(html).not.toMatch(/style=/);
  });

  it('shows time, customer, type, channel, Fachdienst, status and a missing note', () => {
    const html = eventHtml(appointment({ status: 'held', channel: 'video' }), 'overdue', t, 'de');
    expect(html).toContain('09:00–09:45');
    expect(html).toContain('Erika Mustermann');
    expect(html).toContain('«type.folgegespraech» · «channel.video» · AV');
    expect(html).toContain('«status.held»');
    expect(html).toContain('data-testid="note-overdue"');
    expect(eventHtml(appointment(), 'written', t, 'de')).not.toContain('note-overdue');
  });
});
