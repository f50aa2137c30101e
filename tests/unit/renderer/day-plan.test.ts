/** The "Heute" page's order: what is ahead first (the next one at the top), then what is over. */
import { describe, expect, it } from 'vitest';
import { dayPlan } from '../../../src-renderer/features/today/day-plan.js';
import { appointment } from '../rules/fixtures.js';

const at = (time: string) => `2026-11-23T${time}:00+01:00`;
const now = new Date(at('11:10'));

describe('dayPlan', () => {
  const early = appointment({ start: at('08:00'), end: at('08:30'), status: 'held' });
  const missed = appointment({ start: at('09:00'), end: at('09:30'), status: 'no_show' });
  const pastUnmarked = appointment({ start: at('10:00'), end: at('10:45') });
  const underWay = appointment({ start: at('11:00'), end: at('11:45') });
  const video = appointment({ start: at('13:00'), end: at('13:45'), channel: 'video' });
  const cancelled = appointment({ start: at('12:00'), end: at('12:30'), channel: 'video', status: 'cancelled' });
  const laterVideo = appointment({ start: at('15:00'), end: at('15:45'), channel: 'video' });
  const plan = dayPlan([laterVideo, cancelled, video, underWay, pastUnmarked, missed, early], now);

  it('puts the appointment under way first, the rest of the day after it by start', () => {
    expect(plan.ahead.map((a) => a.id)).toEqual([underWay.id, video.id, laterVideo.id]);
  });

  it('puts held, missed, cancelled and ended appointments after, by start', () => {
    expect(plan.over.map((a) => a.id)).toEqual([early.id, missed.id, pastUnmarked.id, cancelled.id]);
  });

  it('starts the first planned video appointment still ahead, not a cancelled one', () => {
    expect(plan.nextVideo?.id).toBe(video.id);
    expect(dayPlan([cancelled, early], now).nextVideo).toBeNull();
  });
});
