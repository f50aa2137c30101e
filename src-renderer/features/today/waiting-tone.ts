/**
 * The audible cue for a guest who arrived in a waiting room: two short soft beeps made with WebAudio (no sound
 * file to ship, nothing fetched). Chromium lets an AudioContext play once the page has had a user gesture, which
 * the unlock or any click before has given; without one the cue stays silent and the visible one remains.
 */
let context: AudioContext | null = null;

const BEEPS = [0, 0.25];
const BEEP_SECONDS = 0.15;

export function playWaitingTone(): void {
  context ??= new AudioContext();
  void context.resume().catch(() => {});
  const at = context.currentTime;
  for (const offset of BEEPS) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 880;
    // A quick rise and fall: a click-free beep, quiet enough beside a call.
    gain.gain.setValueAtTime(0.0001, at + offset);
    gain.gain.exponentialRampToValueAtTime(0.2, at + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + offset + BEEP_SECONDS);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at + offset);
    oscillator.stop(at + offset + BEEP_SECONDS);
  }
}
