import { describe, expect, it } from 'vitest';
import { suitePlan } from '../../../src-renderer/features/readiness/suite-plan.js';

describe('suitePlan', () => {
  it('overlaps only the waiting checks (network beside microphone + headset); the camera runs alone, last', () => {
    expect(suitePlan(['hardware', 'network', 'camera', 'background', 'microphone', 'headset'])).toEqual([
      [['network'], ['microphone', 'headset']],
      [['hardware']],
      [['camera', 'background']],
    ]);
  });
  it('keeps what was asked for and nothing else', () => {
    expect(suitePlan(['background'])).toEqual([[['background']]]);
    expect(suitePlan(['headset', 'hardware'])).toEqual([[['headset']], [['hardware']]]);
  });
});
