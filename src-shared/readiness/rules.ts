/**
 * From measured facts to findings: each rule names its evidence (params) so the report shows why, and the message
 * catalogue (messages.ts) turns the code into a sentence and a fix-it hint. Thresholds live here, in one place.
 */
import type { Classification } from './audio-devices.js';
import type { ProbeCause } from './causes.js';
import type { FrameSequenceFacts } from './frames.js';
import type { FaceBox } from './image.js';
import type { MicLevel, SpeechEvidence } from './mic-level.js';
import { MIC_CLIPPING_RATIO, MIC_QUIET_PEAK_DBFS, MIC_SILENT_PEAK_DBFS } from './mic-level.js';
import { estimateMos, NETWORK_LIMITS } from './mos.js';
import type { Finding } from './report.js';
import type { BackgroundFacts, ExposureFacts } from './scene.js';
import type { SequenceDetection } from './tone.js';

const f = (code: string, severity: Finding['severity'], params: Finding['params'] = {}): Finding => ({ code, severity, params });
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** What the person answered after the tones: where they heard them, if at all. */
export type ToneAnswer = 'headset' | 'speakers' | 'nothing';

export interface HeadsetFacts {
  readonly classification: Classification;
  /** The microphone proved live first (prompted sentence); without it the tones prove nothing. */
  readonly speech: SpeechEvidence;
  /** The output the tones went to is the one chosen (false: the device is gone or the browser cannot switch). */
  readonly outputAsChosen: boolean;
  /** The microphone's recording while the tones played; null when they were not played. */
  readonly loopback: SequenceDetection | null;
  /** null when the person did not answer. */
  readonly answer: ToneAnswer | null;
}

/** The headset check either cannot judge (a finding saying why and what to do) or judges with evidence. */
export type HeadsetOutcome = { readonly judged: false; readonly finding: Finding } | { readonly judged: true; readonly findings: Finding[] };

/**
 * Evidence first, verdict second — "ok" only on positive evidence:
 *   microphone silent or no voice      → nicht prüfbar (a dead microphone hears no tones either)
 *   output not the one chosen          → nicht prüfbar (the tones went somewhere else)
 *   the tones' frequencies already there before playback → nicht prüfbar (cannot tell them apart)
 *   microphone heard the tones in their windows → open speakers
 *   the person heard them from speakers → open speakers (hardware echo cancelling removes them from the mic)
 *   a speakerphone by model or the system's form factor → open speakers, whatever the microphone heard
 *   the person heard them in the headset and the microphone did not → headset
 *   nobody heard anything / no answer  → nicht prüfbar (muted or another output)
 */
export function headsetOutcome({ classification, speech, outputAsChosen, loopback, answer }: HeadsetFacts): HeadsetOutcome {
  const cannot = (code: string, params: Finding['params'] = {}): HeadsetOutcome => ({ judged: false, finding: f(code, 'warn', params) });
  const levels = { floor: round(speech.floorDbfs), speech: round(speech.speechDbfs) };
  if (speech.state === 'silent') return cannot('headset.mic-silent', { peak: round(speech.peakDbfs) });
  if (speech.state === 'no-speech') return cannot('headset.no-speech', levels);
  if (!outputAsChosen) return cannot('headset.output-not-chosen');
  if (!loopback) return cannot('headset.not-played');
  if (loopback.interferenceHz.length > 0) return cannot('headset.interference', { hz: loopback.interferenceHz.join(', ') });
  const heard = loopback.heardCount;
  const total = loopback.tones.length;
  if (heard >= Math.ceil(total * 0.75)) return { judged: true, findings: [f('headset.open-speakers', 'fail', { heard, total })] };
  if (answer === 'speakers') return { judged: true, findings: [f('headset.user-heard-speakers', 'fail')] };
  const speakerphone = classification.signals.find((x) => x.source === 'model-list');
  if (speakerphone) return { judged: true, findings: [f('headset.speakerphone', 'fail', { device: speakerphone.detail.slice(0, 100) })] };
  if (classification.outputClass === 'speakers' && classification.signals.some((x) => x.source === 'platform')) {
    return { judged: true, findings: [f('headset.device-speakers', 'fail')] };
  }
  if (heard > 0) return { judged: true, findings: [f('headset.partly-heard', 'warn', { heard, total })] };
  if (answer === 'headset') return { judged: true, findings: [f('headset.confirmed', 'info', { total, ...levels })] };
  if (answer === 'nothing') return cannot('headset.nothing-heard');
  return cannot('headset.no-answer');
}

export function micFindings(level: MicLevel): Finding[] {
  const params = { peakDbfs: round(level.peakDbfs), rmsDbfs: round(level.rmsDbfs) };
  if (level.peakDbfs < MIC_SILENT_PEAK_DBFS) return [f('microphone.silent', 'fail', params)];
  const out: Finding[] = [];
  if (level.peakDbfs < MIC_QUIET_PEAK_DBFS) out.push(f('microphone.quiet', 'warn', params));
  if (level.clippedRatio > MIC_CLIPPING_RATIO) out.push(f('microphone.clipping', 'warn', { percent: round(level.clippedRatio * 100, 2) }));
  if (out.length === 0) out.push(f('microphone.ok', 'info', params));
  return out;
}

export interface CameraFacts {
  readonly width: number;
  readonly height: number;
  readonly frameRate: number;
  readonly sequence: FrameSequenceFacts;
  readonly exposure: ExposureFacts | null;
  /** Faces found by the face model; null if the model could not run. */
  readonly faces: readonly FaceBox[] | null;
}

export const CAMERA_LIMITS = { minWidth: 640, minHeight: 480, minFps: 15 } as const;

export function cameraFindings(c: CameraFacts): Finding[] {
  const out: Finding[] = [];
  if (c.sequence.frames > 0 && c.sequence.blackFrames === c.sequence.frames) return [f('camera.black', 'fail')];
  if (c.sequence.frozen) return [f('camera.frozen', 'fail', { frames: c.sequence.frames })];
  // Landscape 640×360 carries as many lines as the 640×480 minimum is about: compare the longer/shorter side.
  const long = Math.max(c.width, c.height);
  const short = Math.min(c.width, c.height);
  if (long < CAMERA_LIMITS.minWidth || short < CAMERA_LIMITS.minHeight) out.push(f('camera.low-resolution', 'warn', { width: c.width, height: c.height }));
  if (c.frameRate < CAMERA_LIMITS.minFps) out.push(f('camera.low-framerate', 'warn', { fps: round(c.frameRate) }));
  if (c.exposure) {
    const e = c.exposure;
    if (e.meanLuma < 50) out.push(f('camera.too-dark', 'warn', { luma: round(e.meanLuma) }));
    else if (e.overexposedRatio > 0.25) out.push(f('camera.overexposed', 'warn', { percent: round(e.overexposedRatio * 100) }));
    if (e.subjectMinusBackground !== null && e.subjectMinusBackground < -50) {
      out.push(f('camera.backlight', 'warn', { difference: round(-e.subjectMinusBackground) }));
    }
  }
  if (c.faces === null) out.push(f('camera.face-model-missing', 'warn'));
  else if (c.faces.length === 0) out.push(f('camera.no-face', 'warn'));
  else if (c.faces.length > 1) out.push(f('camera.other-person', 'warn', { faces: c.faces.length }));
  else {
    const face = c.faces[0] as FaceBox;
    const cx = face.x + face.width / 2;
    const cy = face.y + face.height / 2;
    if (Math.abs(cx - 0.5) > 0.2 || Math.abs(cy - 0.45) > 0.25) out.push(f('camera.off-centre', 'warn', { x: round(cx, 2), y: round(cy, 2) }));
    if (face.height < 0.15) out.push(f('camera.face-small', 'warn', { percent: round(face.height * 100) }));
    else if (face.height > 0.7) out.push(f('camera.face-large', 'warn', { percent: round(face.height * 100) }));
  }
  if (out.length === 0) out.push(f('camera.ok', 'info', { width: c.width, height: c.height, fps: round(c.frameRate) }));
  return out;
}

export const BACKGROUND_LIMITS = { edgeDensity: 0.06, colourfulness: 40, brightRatio: 0.08, minBackgroundRatio: 0.1 } as const;

export interface BackgroundCheckFacts {
  readonly background: BackgroundFacts;
  /** Faces beyond the counsellor's own (the largest one). */
  readonly otherFaces: number;
  /** Blur is switched on for calls: clutter is then hidden from the customer. */
  readonly blurEnabled: boolean;
}

export function backgroundFindings({ background: b, otherFaces, blurEnabled }: BackgroundCheckFacts): Finding[] {
  const out: Finding[] = [];
  if (b.backgroundRatio < BACKGROUND_LIMITS.minBackgroundRatio) return [f('background.not-visible', 'info', { percent: round(b.backgroundRatio * 100) })];
  const cluttered = b.edgeDensity > BACKGROUND_LIMITS.edgeDensity || b.colourfulness > BACKGROUND_LIMITS.colourfulness;
  const params = { edges: round(b.edgeDensity * 100), colour: round(b.colourfulness) };
  if (cluttered) out.push(blurEnabled ? f('background.cluttered-blurred', 'info', params) : f('background.cluttered', 'warn', params));
  if (b.brightRatio > BACKGROUND_LIMITS.brightRatio) out.push(f('background.bright-window', 'warn', { percent: round(b.brightRatio * 100) }));
  if (otherFaces > 0) out.push(f('background.other-person', 'warn', { faces: otherFaces }));
  if (out.length === 0) out.push(f('background.neutral', 'info', params));
  return out;
}

export type LinkTransport = 'udp' | 'tcp' | 'tls';

export interface LinkResult {
  readonly transport: LinkTransport;
  /** host:port that was tested, for the report (which TURN was it?). */
  readonly address: string;
  readonly reachable: boolean;
  readonly rttMs: number | null;
  readonly jitterMs: number | null;
  readonly lossPercent: number;
  /** Why it got no answer; null when it did. */
  readonly cause: ProbeCause | null;
}

export interface NetworkFacts {
  /** The transports that were configured and probed, each judged on its own. */
  readonly links: readonly LinkResult[];
  /** Through the relay; null when it could not be measured in this mode. */
  readonly throughputKbps: number | null;
}

const TRANSPORT_NAMES: Record<LinkTransport, string> = { udp: 'UDP', tcp: 'TCP', tls: 'TLS' };

export function networkFindings({ links, throughputKbps }: NetworkFacts): Finding[] {
  const L = NETWORK_LIMITS;
  const reachable = links.filter((l) => l.reachable && l.rttMs !== null);
  if (reachable.length === 0) {
    const first = links[0];
    return [f('network.turn-unreachable', 'fail', { tried: links.map((l) => `${TRANSPORT_NAMES[l.transport]} ${l.address}`).join(', '), cause: first?.cause ?? 'timeout' })];
  }
  const out: Finding[] = [];
  // Only what was configured is judged: a TLS-only setup has no UDP to be blocked.
  for (const l of links) {
    if (l.reachable) continue;
    const params = { transport: TRANSPORT_NAMES[l.transport], address: l.address, cause: l.cause ?? 'timeout' };
    out.push(l.transport === 'udp' ? f('network.udp-blocked', 'warn', params) : f('network.transport-unreachable', 'warn', params));
  }
  // Calls use the best path ICE finds, so judge the best reachable transport.
  const best = [...reachable].sort((a, b) => (a.rttMs as number) - (b.rttMs as number))[0] as LinkResult;
  const rtt = best.rttMs as number;
  const jitter = best.jitterMs ?? 0;
  const mos = estimateMos({ rttMs: rtt, jitterMs: jitter, lossPercent: best.lossPercent });
  const params = { transport: TRANSPORT_NAMES[best.transport], rtt: round(rtt), jitter: round(jitter), loss: round(best.lossPercent), mos: round(mos, 2) };
  if (rtt > L.rttFailMs) out.push(f('network.rtt-high', 'fail', params));
  else if (rtt > L.rttGoodMs) out.push(f('network.rtt-high', 'warn', params));
  if (best.lossPercent > L.lossFailPercent) out.push(f('network.loss-high', 'fail', params));
  else if (best.lossPercent > L.lossGoodPercent) out.push(f('network.loss-high', 'warn', params));
  if (jitter > L.jitterGoodMs) out.push(f('network.jitter-high', 'warn', params));
  if (mos < L.mosFail) out.push(f('network.mos-low', 'fail', params));
  else if (mos < L.mosGood) out.push(f('network.mos-low', 'warn', params));
  if (throughputKbps === null) out.push(f('network.throughput-not-measured', 'info'));
  else if (throughputKbps < L.audioOnlyKbps) out.push(f('network.throughput-low', 'fail', { kbps: Math.round(throughputKbps) }));
  else if (throughputKbps < L.videoKbps) out.push(f('network.throughput-low', 'warn', { kbps: Math.round(throughputKbps) }));
  if (!out.some((x) => x.severity !== 'info')) out.push(f('network.ok', 'info', { ...params, kbps: throughputKbps === null ? '–' : Math.round(throughputKbps) }));
  return out;
}

export interface HardwareFacts {
  readonly os: string;
  readonly cpuModel: string;
  readonly physicalCores: number;
  readonly logicalCores: number;
  readonly memoryGiB: number;
}

/** Blur and video coding need a few cores and some memory; below this calls stutter with blur on. */
export const HARDWARE_LIMITS = { minLogicalCores: 4, minMemoryGiB: 8 } as const;

export function hardwareFindings(h: HardwareFacts): Finding[] {
  const out: Finding[] = [];
  if (h.logicalCores < HARDWARE_LIMITS.minLogicalCores) out.push(f('hardware.few-cores', 'warn', { cores: h.logicalCores }));
  if (h.memoryGiB < HARDWARE_LIMITS.minMemoryGiB) out.push(f('hardware.little-memory', 'warn', { gib: round(h.memoryGiB) }));
  if (out.length === 0) out.push(f('hardware.ok', 'info', { cores: h.logicalCores, gib: round(h.memoryGiB) }));
  return out;
}
