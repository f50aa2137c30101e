/**
 * From measured facts to findings: each rule names its evidence (params) so the report shows why, and the message
 * catalogue (messages.ts) turns the code into a sentence and a fix-it hint. Thresholds live here, in one place.
 */
import type { Classification } from './audio-devices.js';
import type { ProbeCause } from './causes.js';
import type { FrameSequenceFacts } from './frames.js';
import type { FaceBox } from './image.js';
import type { MicLevel } from './mic-level.js';
import { MIC_CLIPPING_RATIO, MIC_QUIET_PEAK_DBFS, MIC_SILENT_PEAK_DBFS } from './mic-level.js';
import { estimateMos, NETWORK_LIMITS } from './mos.js';
import type { Finding } from './report.js';
import type { BackgroundFacts, ExposureFacts } from './scene.js';
import type { SequenceDetection } from './tone.js';

const f = (code: string, severity: Finding['severity'], params: Finding['params'] = {}): Finding => ({ code, severity, params });
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

export interface HeadsetFacts {
  readonly classification: Classification;
  /** null when the acoustic test did not run (no output selection possible, user skipped). */
  readonly loopback: SequenceDetection | null;
}

export function headsetFindings({ classification, loopback }: HeadsetFacts): Finding[] {
  const out: Finding[] = [];
  const byDevice = classification.outputClass;
  if (loopback) {
    const total = loopback.tones.length;
    const heard = loopback.heardCount;
    // Order is not required: the playback and the recording are not sample-aligned, and an echo can smear the
    // onsets; three of four narrow-band tones in 3+ consecutive frames do not happen by chance.
    if (heard >= Math.ceil(total * 0.75)) out.push(f('headset.open-speakers', 'fail', { heard, total }));
    else if (heard > 0) out.push(f('headset.partly-heard', 'warn', { heard, total }));
    else if (byDevice === 'speakers') out.push(f('headset.silent-speakers', 'warn', { heard, total }));
    else out.push(f('headset.not-heard', 'info', { heard, total }));
    return out;
  }
  if (byDevice === 'speakers') out.push(f('headset.device-speakers', 'fail'));
  else if (byDevice === 'headset') out.push(f('headset.device-headset', 'info'));
  else out.push(f('headset.unknown', 'warn'));
  return out;
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
