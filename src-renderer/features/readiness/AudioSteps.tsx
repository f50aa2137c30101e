/**
 * What the audio checks ask of the person, in the view: say the sentence (the microphone proves it is live),
 * listen to the tones, then say where they were heard. The answer is evidence of its own: a speakerphone's echo
 * cancelling hides the tones from its microphone, but not from the person.
 */
import { useTranslation } from 'react-i18next';
import type { ToneAnswer } from '../../../src-shared/readiness/rules.js';
import type { AudioPrompt } from './checks.js';
import { useReadiness } from './readiness-store.js';

/** Long enough to put on a headset and answer; after that the check says it had no answer. */
const ANSWER_TIMEOUT_MS = 120_000;

export const audioPrompt: AudioPrompt = {
  step: (step) => useReadiness.getState().setAudioStep(step),
  ask: () =>
    new Promise<ToneAnswer | null>((resolve) => {
      const timer = setTimeout(() => settle(null), ANSWER_TIMEOUT_MS);
      function settle(answer: ToneAnswer | null): void {
        clearTimeout(timer);
        useReadiness.getState().setAnswerTones(null);
        resolve(answer);
      }
      useReadiness.getState().setAnswerTones(settle);
    }),
};

const ANSWERS: readonly ToneAnswer[] = ['headset', 'speakers', 'nothing'];

export function AudioSteps() {
  const { t } = useTranslation('readiness');
  const step = useReadiness((s) => s.audioStep);
  const answer = useReadiness((s) => s.answerTones);
  if (answer) {
    return (
      <fieldset className="readiness-question" data-testid="tone-question">
        <legend>{t('tones.question')}</legend>
        {ANSWERS.map((a) => (
          <button key={a} type="button" onClick={() => answer(a)}>
            {t(`tones.answer.${a}`)}
          </button>
        ))}
      </fieldset>
    );
  }
  if (!step) return null;
  return (
    <p className="readiness-prompt" role="status" aria-live="assertive" data-testid="audio-step" data-step={step}>
      {step === 'speak' ? (
        <>
          {t('speak.prompt')} <strong>{t('speak.sentence')}</strong>
        </>
      ) : (
        t('tones.listen')
      )}
    </p>
  );
}
