/**
 * Audio for the readiness check: list devices, record the microphone with every processing step off (echo
 * cancellation would remove exactly the tones we listen for), and play the loopback tone sequence on the chosen
 * output. Recording uses MediaRecorder and decodes the result: contiguous samples without an AudioWorklet module.
 */
import type { AudioDeviceInfo } from '../../src-shared/readiness/audio-devices.js';
import { synthesizeSequence } from '../../src-shared/readiness/tone.js';

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

/** A running recording; `startedAt` is when the recorder said it started (performance.now()). */
export interface RunningRecording {
  readonly startedAt: number;
  stop(): Promise<Recording>;
}

export async function startRecording(stream: MediaStream): Promise<RunningRecording> {
  const recorder = new MediaRecorder(stream);
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const started = new Promise<number>((resolve) => (recorder.onstart = () => resolve(performance.now())));
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  recorder.start();
  const startedAt = await started;
  return {
    startedAt,
    async stop() {
      recorder.stop();
      await stopped;
      const context = new AudioContext();
      try {
        const buffer = await context.decodeAudioData(await new Blob(chunks, { type: recorder.mimeType }).arrayBuffer());
        return { samples: buffer.getChannelData(0).slice(), sampleRate: buffer.sampleRate };
      } finally {
        await context.close();
      }
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function record(stream: MediaStream, durationMs: number): Promise<Recording> {
  const running = await startRecording(stream);
  await sleep(durationMs);
  return running.stop();
}

type SinkContext = AudioContext & { setSinkId?: (id: string) => Promise<void>; readonly sinkId?: string | object };

/**
 * An AudioContext playing on the chosen output, or null when that cannot be made sure (the device is gone, or
 * this browser cannot choose an output): tones on another device would prove nothing about the chosen one.
 */
async function contextOn(outputDeviceId: string | undefined): Promise<SinkContext | null> {
  const context: SinkContext = new AudioContext();
  if (!outputDeviceId || outputDeviceId === 'default') return context;
  try {
    if (!context.setSinkId) throw new Error('setSinkId');
    await context.setSinkId(outputDeviceId);
    if (context.sinkId !== outputDeviceId) throw new Error('sinkId');
    return context;
  } catch {
    await context.close();
    return null;
  }
}

async function play(context: AudioContext, samples: Float32Array): Promise<void> {
  const buffer = context.createBuffer(1, samples.length, context.sampleRate);
  buffer.getChannelData(0).set(samples);
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  const ended = new Promise<void>((resolve) => (source.onended = () => resolve()));
  source.start();
  await ended;
}

/** Quiet before the tones: the recorder is running, and the tones' frequencies must be absent here. */
const LOOPBACK_LEAD_MS = 400;
/** After the tones: room for output latency and echo. */
const LOOPBACK_TAIL_MS = 700;

export type Loopback = { readonly outputAsChosen: false } | { readonly outputAsChosen: true; readonly recording: Recording; readonly playedAtMs: number };

/** Records the microphone while the tones play on the chosen output; `playedAtMs` ties them to the recording. */
export async function loopbackRecording(stream: MediaStream, outputDeviceId?: string): Promise<Loopback> {
  const context = await contextOn(outputDeviceId);
  if (!context) return { outputAsChosen: false };
  try {
    const samples = synthesizeSequence(context.sampleRate);
    const running = await startRecording(stream);
    await sleep(LOOPBACK_LEAD_MS);
    const playedAtMs = performance.now() - running.startedAt;
    await play(context, samples);
    await sleep(LOOPBACK_TAIL_MS);
    return { outputAsChosen: true, recording: await running.stop(), playedAtMs };
  } finally {
    await context.close();
  }
}
