import { describe, expect, it } from 'vitest';
import { createDisplayPicker } from '../../../src-main/services/session/display-picker.js';

const sources = [
  { id: 'window:1:0', name: 'Beratungsraum', kind: 'window' as const, thumbnail: 'data:image/png;base64,AAAA' },
  { id: 'screen:0:0', name: 'Bildschirm 1', kind: 'screen' as const, thumbnail: 'data:image/png;base64,AAAA' },
];

describe('display picker', () => {
  it('asks the renderer and resolves with the chosen source', async () => {
    const shown: { requestId: string }[] = [];
    const picker = createDisplayPicker((request) => shown.push(request));
    const answer = picker.ask(sources);
    expect(shown).toHaveLength(1);
    picker.answer(shown[0]!.requestId, 'window:1:0');
    await expect(answer).resolves.toBe('window:1:0');
  });

  it('refuses a source that was not offered, and answers for unknown requests are ignored', async () => {
    const shown: { requestId: string }[] = [];
    const picker = createDisplayPicker((request) => shown.push(request));
    const answer = picker.ask(sources);
    picker.answer('00000000-0000-4000-8000-000000000000', 'window:1:0');
    picker.answer(shown[0]!.requestId, 'screen:9:9');
    await expect(answer).resolves.toBeNull();
  });
});
