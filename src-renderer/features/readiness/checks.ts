/**
 * Each readiness check as one function that returns a CheckResult, whatever happens: a device that is missing,
 * busy or forbidden, or a model that will not load, becomes an `unavailable` result that says why and what to do.
 * Media stays in this page; only the figures go to the back office.
 */
import { classifyOutput } from '../../../src-shared/readiness/audio-devices.js';
import { completedCheck, unavailableCheck } from '../../../src-shared/readiness/assemble.js';
import { micLevel, speechEvidence } from '../../../src-shared/readiness/mic-level.js';
import type { CheckId, CheckResult, Figure, Finding } from '../../../src-shared/readiness/report.js';
import { networkOutcome } from '../../../src-shared/readiness/network.js';
import { backgroundFindings, cameraFindings, headsetOutcome, micFindings, type HeadsetOutcome, type LinkResult, type ToneAnswer } from '../../../src-shared/readiness/rules.js';
import { reportTimestamp } from '../../../src-shared/readiness/timestamp.js';
import { detectSequence } from '../../../src-shared/readiness/tone.js';
import { bridge } from '../../bridge/index.js';
import { pageMediaAssetUrls } from '../../media/assets.js';
import { listAudioDevices, loopbackRecording, rawAudioConstraints, record, type Recording } from '../../media/audio-check.js';
import { analyseCamera, loadVisionModels, type CameraAnalysis, type VisionModels } from '../../media/camera-analysis.js';
import { NoFramesError } from '../../media/frame-grabber.js';
import { measureRelay, offeredTransports } from '../../media/relay-check.js';
import { ModelLoadError } from '../../media/vision.js';

export interface DeviceChoice {
  readonly cameraId?: string;
  readonly microphoneId?: string;
  readonly outputId?: string;
  readonly blurEnabled: boolean;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

async function timed(id: CheckId, work: () => Promise<{ findings: Finding[]; figures: Record<string, Figure> }>, device: string): Promise<CheckResult> {
  const startedAt = reportTimestamp();
  const began = performance.now();
  const timing = () => ({ startedAt, durationMs: Math.round(performance.now() - began) });
  try {
    const { findings, figures } = await work();
    return completedCheck(id, findings, figures, timing());
  } catch (error) {
    return unavailableCheck(id, whyUnavailable(error, device), timing());
  }
}

/** The network check cannot run (no server session, no TURN on the server, …); the finding says why and what to do. */
export class NetworkUnavailableError extends Error {
  override readonly name = 'NetworkUnavailableError';
  constructor(readonly finding: Finding) {
    super(finding.code);
  }
}

/** getUserMedia's error names (and our own) into a finding that says what to do. */
export function whyUnavailable(error: unknown, device: string): Finding {
  if (error instanceof NetworkUnavailableError) return error.finding;
  if (error instanceof CameraFirstError) return { code: 'background.camera-first', severity: 'warn', params: {} };
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return { code: 'check.permission-denied', severity: 'warn', params: { device } };
  if (name === 'NotReadableError' || name === 'AbortError' || error instanceof NoFramesError) return { code: 'check.device-busy', severity: 'warn', params: { device } };
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return { code: 'check.no-device', severity: 'warn', params: { device } };
  if (error instanceof ModelLoadError) return { code: 'check.model-missing', severity: 'warn', params: {} };
  return { code: 'check.failed', severity: 'warn', params: { reason: (error instanceof Error ? error.message : String(error)).slice(0, 200) } };
}

let models: Promise<VisionModels> | null = null;
function visionModels(): Promise<VisionModels> {
  models ??= loadVisionModels(pageMediaAssetUrls()).catch((error: unknown) => {
    models = null;
    throw error;
  });
  return models;
}

/**
 * A camera released a moment ago may still be closing in the driver (and in Chromium's capture service), so the
 * next getUserMedia fails with NotReadableError/AbortError although nothing else holds it. Asking again after a
 * short pause tells that apart from a camera that another program really keeps busy.
 */
async function openCamera(constraints: MediaStreamConstraints, attempts = 4): Promise<MediaStream> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await navigator.mediaDevices.getUserMedia(constraints);
    } catch (error) {
      const busy = error instanceof Error && (error.name === 'NotReadableError' || error.name === 'AbortError');
      if (!busy || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

async function withCamera<T>(choice: DeviceChoice, work: (track: MediaStreamTrack) => Promise<T>): Promise<T> {
  const stream = await openCamera({
    video: { ...(choice.cameraId ? { deviceId: { exact: choice.cameraId } } : {}), width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
  });
  try {
    return await work(stream.getVideoTracks()[0] as MediaStreamTrack);
  } finally {
    stream.getTracks().forEach((t) => t.stop());
  }
}

async function cameraAnalysis(choice: DeviceChoice): Promise<CameraAnalysis> {
  const loaded = await visionModels();
  return withCamera(choice, (track) => analyseCamera(track, loaded, { blurEnabled: choice.blurEnabled }));
}

function cameraResult(c: CameraAnalysis['camera']): { findings: Finding[]; figures: Record<string, Figure> } {
  const figures: Record<string, Figure> = {
    width: c.width,
    height: c.height,
    frameRate: round(c.frameRate),
    blackFrames: c.sequence.blackFrames,
    frozen: c.sequence.frozen,
    meanLuma: round(c.sequence.meanLuma),
  };
  // Faces and light are measured only on a live picture: a black or frozen one has none to count, and a
  // "faces: 0" there would read as a finding.
  if (c.exposure) {
    figures.faces = c.faces?.length ?? null;
    figures.subjectMinusBackground = c.exposure.subjectMinusBackground === null ? null : round(c.exposure.subjectMinusBackground);
  }
  return { findings: cameraFindings(c), figures };
}

/** The camera delivered frames, but black or frozen ones: there is no background to judge until it is fixed. */
export class CameraFirstError extends Error {
  override readonly name = 'CameraFirstError';
}

function backgroundResult(background: CameraAnalysis['background']): { findings: Finding[]; figures: Record<string, Figure> } {
  if (!background) throw new CameraFirstError();
  const b = background.background;
  return {
    findings: backgroundFindings(background),
    figures: {
      backgroundPercent: round(b.backgroundRatio * 100),
      edgePercent: round(b.edgeDensity * 100, 2),
      colourfulness: round(b.colourfulness),
      brightPercent: round(b.brightRatio * 100),
      otherFaces: background.otherFaces,
      blurEnabled: background.blurEnabled,
    },
  };
}

/** Camera and background come from one look through the camera; run together they share it. */
export async function runCameraChecks(choice: DeviceChoice, ids: readonly ('camera' | 'background')[]): Promise<CheckResult[]> {
  let analysis: Promise<CameraAnalysis> | null = null;
  const shared = () => (analysis ??= cameraAnalysis(choice));
  const results: CheckResult[] = [];
  for (const id of ids) {
    results.push(await timed(id, async () => (id === 'camera' ? cameraResult((await shared()).camera) : backgroundResult((await shared()).background)), 'Kamera'));
  }
  return results;
}

/** Starts loading the models early (e.g. while the network check waits for probe replies). */
export function preloadVisionModels(): void {
  visionModels().catch(() => undefined);
}

async function withMicrophone<T>(choice: DeviceChoice, work: (stream: MediaStream) => Promise<T>): Promise<T> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: rawAudioConstraints(choice.microphoneId) });
  try {
    return await work(stream);
  } finally {
    stream.getTracks().forEach((t) => t.stop());
  }
}

/** How the audio checks talk to the person: the step to show, and the question after the tones. */
export interface AudioPrompt {
  step(step: 'speak' | 'tones' | null): void;
  /** Where did you hear the tones? null when there was no answer. */
  ask(): Promise<ToneAnswer | null>;
}

/** The prompted sentence lasts about this long; the level and the liveness come from it. */
export const SPEECH_RECORD_MS = 2_500;

function microphoneResult(speech: Recording): { findings: Finding[]; figures: Record<string, Figure> } {
  const level = micLevel(speech.samples);
  return { findings: micFindings(level), figures: { peakDbfs: round(level.peakDbfs), rmsDbfs: round(level.rmsDbfs), clippedPercent: round(level.clippedRatio * 100, 2) } };
}

async function headsetResult(choice: DeviceChoice, stream: MediaStream, speech: Recording, prompt: AudioPrompt): Promise<{ outcome: HeadsetOutcome; figures: Record<string, Figure> }> {
  const devices = await listAudioDevices();
  const inputId = stream.getAudioTracks()[0]?.getSettings().deviceId;
  const input = devices.find((d) => d.kind === 'audioinput' && d.deviceId === inputId) ?? devices.find((d) => d.kind === 'audioinput');
  const outputs = devices.filter((d) => d.kind === 'audiooutput');
  const wanted = choice.outputId ?? 'default';
  const output = outputs.find((d) => d.deviceId === wanted) ?? (choice.outputId ? undefined : outputs[0]);
  const platform = await bridge.call['readiness.audioEndpoints']({});
  const classification = classifyOutput(output, input, platform.available ? platform.endpoints : []);
  const evidence = speechEvidence(speech.samples, speech.sampleRate);
  const figures: Record<string, Figure> = {
    output: output?.label || null,
    input: input?.label || null,
    outputClass: classification.outputClass,
    sameDevice: classification.sameDevice,
    signals: classification.signals.map((s) => `${s.source}:${s.suggests}`).join(', ') || null,
    speechDbfs: round(evidence.speechDbfs),
    noiseFloorDbfs: round(evidence.floorDbfs),
  };
  const facts = { classification, speech: evidence, outputAsChosen: true, loopback: null, answer: null } as const;
  // A dead microphone hears no tones either: prove it live before playing them.
  if (evidence.state !== 'live') return { outcome: headsetOutcome(facts), figures };
  if (choice.outputId && !output) return { outcome: headsetOutcome({ ...facts, outputAsChosen: false }), figures };
  prompt.step('tones');
  const played = await loopbackRecording(stream, output?.deviceId);
  if (!played.outputAsChosen) return { outcome: headsetOutcome({ ...facts, outputAsChosen: false }), figures };
  const loopback = detectSequence(played.recording.samples, played.recording.sampleRate, { playedAtMs: played.playedAtMs });
  prompt.step(null);
  const answer = await prompt.ask();
  Object.assign(figures, {
    tonesHeard: loopback.heardCount,
    tonesPlayed: loopback.tones.length,
    bestSnrDb: round(Math.max(...loopback.tones.map((t) => t.snrDb))),
    latencyMs: loopback.latencyMs,
    interferenceHz: loopback.interferenceHz.join(', ') || null,
    answer: answer ?? 'none',
  });
  return { outcome: headsetOutcome({ ...facts, loopback, answer }), figures };
}

/**
 * Microphone and headset from one microphone session: the person says the prompted sentence once (level,
 * clipping, and the proof that the microphone is live), then the tones play and the person says where they
 * heard them.
 */
export async function runAudioChecks(choice: DeviceChoice, ids: readonly ('microphone' | 'headset')[], prompt: AudioPrompt): Promise<CheckResult[]> {
  const startedAt = reportTimestamp();
  const began = performance.now();
  const timing = () => ({ startedAt, durationMs: Math.round(performance.now() - began) });
  try {
    return await withMicrophone(choice, async (stream) => {
      prompt.step('speak');
      const speech = await record(stream, SPEECH_RECORD_MS);
      prompt.step(null);
      const results: CheckResult[] = [];
      if (ids.includes('microphone')) {
        const { findings, figures } = microphoneResult(speech);
        results.push(completedCheck('microphone', findings, figures, timing()));
      }
      if (ids.includes('headset')) {
        const { outcome, figures } = await headsetResult(choice, stream, speech, prompt);
        results.push(outcome.judged ? completedCheck('headset', outcome.findings, figures, timing()) : { ...unavailableCheck('headset', outcome.finding, timing()), figures });
      }
      return results;
    });
  } catch (error) {
    return ids.map((id) => unavailableCheck(id, whyUnavailable(error, 'Mikrofon'), timing()));
  } finally {
    prompt.step(null);
  }
}

export const runHardware = async (): Promise<CheckResult> => bridge.call['readiness.hardware']({});

/** A server session that ran out counts as signed out: the user's remedy is the same. */
const NO_TURN_FINDING = { 'signed-out': 'network.signed-out', refused: 'network.turn-refused', 'not-configured': 'network.not-configured' } as const;

const unavailable = (code: string, params: Finding['params'] = {}) => new NetworkUnavailableError({ code, severity: 'warn', params });

/**
 * The signed-in server first (health round trip, like the command line), then a relay-only data channel through
 * its TURN with the credentials it hands out, over each transport it offers. Without a session there is neither,
 * so the check says to sign in.
 */
export const runNetwork = (): Promise<CheckResult> =>
  timed(
    'network',
    async () => {
      const server = await bridge.call['readiness.probeServer']({});
      if (!server.signedIn) throw unavailable('network.signed-out');
      if (!server.reachable) return networkOutcome({ links: [], throughputKbps: null, server });
      const target = await bridge.call['readiness.turnTarget']({});
      if (target.status === 'failed') throw unavailable('network.turn-grant-failed', { cause: target.detail });
      if (target.status !== 'ready') throw unavailable(NO_TURN_FINDING[target.status]);
      // One transport after the other: two relays at once would share (and halve) the measured throughput.
      const links: LinkResult[] = [];
      let throughputKbps: number | null = null;
      for (const transport of offeredTransports(target.iceServers)) {
        const relay = await measureRelay(target.iceServers, transport);
        links.push(relay.link);
        throughputKbps ??= relay.throughputKbps;
      }
      return networkOutcome({ links, throughputKbps, server });
    },
    'Netzwerk',
  );

export const CHECK_ORDER: readonly CheckId[] = ['hardware', 'network', 'camera', 'background', 'microphone', 'headset'];

export function runCheck(id: CheckId, choice: DeviceChoice, prompt: AudioPrompt): Promise<CheckResult> {
  switch (id) {
    case 'camera':
    case 'background':
      return runCameraChecks(choice, [id]).then((results) => results[0] as CheckResult);
    case 'microphone':
    case 'headset':
      return runAudioChecks(choice, [id], prompt).then((results) => results[0] as CheckResult);
    case 'network':
      return runNetwork();
    case 'hardware':
      return runHardware();
  }
}
