import { describe, expect, it } from 'vitest';
import { dayLoad } from '../../../src-shared/rules/index.js';
import { appointment } from './fixtures.js';

const video = (start: string, end: string, status: 'planned' | 'cancelled' = 'planned') =>
  appointment({ channel: 'video', start: `2026-11-23T${start}:00+01:00`, end: `2026-11-23T${end}:00+01:00`, status });

describe('load per hour against the video channels', () => {
  it('counts simultaneous video appointments and warns on the hours above capacity', () => {
    const load = dayLoad(
      [
        video('09:00', '09:45'),
        video('09:15', '10:00'),
        video('09:30', '10:15'),
        video('10:30', '11:00'),
        appointment({ channel: 'praesenz', start: '2026-11-23T09:00:00+01:00', end: '2026-11-23T10:00:00+01:00' }),
      ],
      '2026-11-23',
      { videoChannels: 2 },
    );
    const nine = load.hours.find((hour) => hour.hour === 9);
    expect(nine).toMatchObject({ appointments: 4, video: 3, peakConcurrentVideo: 3, capacity: 2, overCapacity: true });
    expect(load.hours.find((hour) => hour.hour === 10)).toMatchObject({ video: 2, peakConcurrentVideo: 1, overCapacity: false });
    expect(load.peakHours).toEqual([9]);
    expect(load.findings).toEqual([expect.objectContaining({ code: 'VIDEOKANAELE_UEBERBUCHT', severity: 'warning' })]);
    expect(load.findings[0]?.message).toContain('09:00');
  });

  it('does not count back-to-back appointments as simultaneous', () => {
    const load = dayLoad([video('09:00', '09:30'), video('09:30', '10:00')], '2026-11-23', { videoChannels: 1 });
    expect(load.hours.find((hour) => hour.hour === 9)?.peakConcurrentVideo).toBe(1);
    expect(load.findings).toEqual([]);
  });

  it('ignores cancelled appointments and other days', () => {
    const load = dayLoad(
      [video('09:00', '10:00', 'cancelled'), appointment({ channel: 'video', start: '2026-11-24T09:00:00+01:00', end: '2026-11-24T10:00:00+01:00' })],
      '2026-11-23',
      { videoChannels: 0 },
    );
    expect(load.hours.every((hour) => hour.video === 0)).toBe(true);
  });

  it('places appointments by Berlin hour and covers the configured range', () => {
    const load = dayLoad([appointment({ channel: 'video', start: '2026-11-23T07:00:00Z', end: '2026-11-23T07:30:00Z' })], '2026-11-23', {
      videoChannels: 1,
      firstHour: 6,
      lastHour: 20,
    });
    expect(load.hours.map((hour) => hour.hour)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(load.hours.find((hour) => hour.hour === 8)?.video).toBe(1);
  });

  it('refuses a nonsensical channel count', () => {
    expect(() => dayLoad([], '2026-11-23', { videoChannels: -1 })).toThrow(RangeError);
  });
});
