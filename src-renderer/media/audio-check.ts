/**
 * Audio for the readiness check: list devices, record the microphone with every processing step off (echo
 * cancellation would remove exactly the tones we listen for), and play the loopback tone sequence on the chosen
 * output. Recording uses MediaRecorder and decodes the result: contiguous samples without an AudioWorklet module.
 */
import type { AudioDeviceInfo } from '../../src-shared/readiness/audio-devices.js';
import { LOOPBACK_SEQUENCE, LOOPBACK_GAP_MS, synthesizeSequence } from '../../src-shared/readiness/tone.js';

export async function listAudioDevices(): Promise<AudioDeviceInfo[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.flatMap((d) =>
    d.kind === 'audioinput' || d.kind === 'audiooutput' ? [{ kind: d.kind, deviceId: d.deviceId.slice(0, 500), groupId: d.groupId.slice(0, 500), label: d.label.slice(0, 300) }] : [],
  );
}

export const rawAudioConstraints = (deviceId?: string): MediaTrackConstraints => ({
  ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  echoCancellation: false,
  noiseSuppression: false,
  autoGainControl: false,
});

export interface Recording {
  readonly samples: Float32Array;
  readonly sampleRate: number;
}

export async function record(stream: MediaStream, durationMs: number): Promise<Recording> {
  const recorder = new MediaRecorder(stream);
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  recorder.start();
  await new Promise((r) => setTimeout(r, durationMs));
  recorder.stop();
  await stopped;
  const context = new AudioContext();
  try {
    const buffer = await context.decodeAudioData(await new Blob(chunks, { type: recorder.mimeType }).arrayBuffer());
    return { samples: buffer.getChannelData(0).slice(), sampleRate: buffer.sampleRate };
  } finally {
    await context.close();
  }
}

type SinkContext = AudioContext & { setSinkId?: (id: string) => Promise<void> };

/** Plays the tone sequence on the chosen output (or the default one where setSinkId is missing). */
export async function playToneSequence(outputDeviceId?: string): Promise<number> {
  const context: SinkContext = new AudioContext();
  if (outputDeviceId && outputDeviceId !== 'default' && context.setSinkId) await context.setSinkId(outputDeviceId);
  const samples = synthesizeSequence(context.sampleRate);
  const buffer = context.createBuffer(1, samples.length, context.sampleRate);
  buffer.getChannelData(0).set(samples);
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  const ended = new Promise<void>((resolve) => (source.onended = () => resolve()));
  source.start();
  await ended;
  await context.close();
  return samples.length / context.sampleRate;
}

/** How long to record for one loopback run: the sequence, its gaps, and room for output latency and echo. */
export const LOOPBACK_RECORD_MS = LOOPBACK_SEQUENCE.reduce((ms, s) => ms + s.durationMs + LOOPBACK_GAP_MS, LOOPBACK_GAP_MS) + 700;

/** Records the microphone while the tones play; returns the recording for detectSequence. */
export async function loopbackRecording(stream: MediaStream, outputDeviceId?: string): Promise<Recording> {
  const recording = record(stream, LOOPBACK_RECORD_MS);
  // A short lead so the recorder is running before the first tone.
  await new Promise((r) => setTimeout(r, 150));
  await playToneSequence(outputDeviceId);
  return recording;
}
