/**
 * The own camera and microphone for a call: device lists, the chosen devices, and background blur through the
 * readiness pipeline (src-renderer/media/blurred-track.ts). The call sends `videoTrack()`, which is the blurred
 * track while blur is on and the camera's otherwise.
 */
import { createBlurredTrack, type BlurredTrack } from '../media/blurred-track.js';

export interface DeviceChoice {
  readonly cameraId: string | null;
  readonly microphoneId: string | null;
}

export interface DeviceLists {
  readonly cameras: readonly MediaDeviceInfo[];
  readonly microphones: readonly MediaDeviceInfo[];
  /** Empty where the browser cannot choose the output (setSinkId missing). */
  readonly speakers: readonly MediaDeviceInfo[];
}

export class MediaAccessError extends Error {
  override readonly name = 'MediaAccessError';
  constructor(
    /** Key of call:media.error.* */
    readonly reason: 'denied' | 'not_found' | 'busy' | 'other',
    message: string,
  ) {
    super(message);
  }
}

const constraint = (id: string | null): MediaTrackConstraints | boolean => (id ? { deviceId: { exact: id } } : true);

export async function listDevices(): Promise<DeviceLists> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const canChooseOutput = 'setSinkId' in HTMLMediaElement.prototype;
  return {
    cameras: devices.filter((d) => d.kind === 'videoinput'),
    microphones: devices.filter((d) => d.kind === 'audioinput'),
    speakers: canChooseOutput ? devices.filter((d) => d.kind === 'audiooutput') : [],
  };
}

export class LocalMedia {
  private blurred: BlurredTrack | null = null;
  /** Set when a call took the devices over from the pre-join view, which then leaves them open. */
  handedOver = false;

  private constructor(
    readonly camera: MediaStreamTrack | null,
    readonly microphone: MediaStreamTrack | null,
  ) {}

  /** Opens the chosen camera and microphone; a missing camera is allowed (audio only), a missing microphone not. */
  static async open(choice: DeviceChoice): Promise<LocalMedia> {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: constraint(choice.microphoneId),
        video: choice.cameraId === null ? { width: { ideal: 1280 }, height: { ideal: 720 } } : { deviceId: { exact: choice.cameraId }, width: { ideal: 1280 }, height: { ideal: 720 } },
      });
    } catch (error) {
      const name = (error as DOMException).name;
      if (name === 'NotAllowedError') throw new MediaAccessError('denied', (error as Error).message);
      if (name === 'NotFoundError' || name === 'OverconstrainedError') {
        try {
          stream = await navigator.mediaDevices.getUserMedia({ audio: constraint(choice.microphoneId), video: false });
        } catch (inner) {
          throw new MediaAccessError('not_found', (inner as Error).message);
        }
      } else if (name === 'NotReadableError') throw new MediaAccessError('busy', (error as Error).message);
      else throw new MediaAccessError('other', (error as Error).message);
    }
    return new LocalMedia(stream.getVideoTracks()[0] ?? null, stream.getAudioTracks()[0] ?? null);
  }

  handOver(): this {
    this.handedOver = true;
    return this;
  }

  get blurOn(): boolean {
    return this.blurred !== null;
  }

  videoTrack(): MediaStreamTrack | null {
    return this.blurred?.track ?? this.camera;
  }

  /** What the call sends: microphone and the (possibly blurred) camera. */
  stream(): MediaStream {
    return new MediaStream([this.microphone, this.videoTrack()].filter((t): t is MediaStreamTrack => t !== null));
  }

  /** Turns blur on or off; resolves with the video track to send from now on. */
  async setBlur(on: boolean): Promise<MediaStreamTrack | null> {
    if (on === this.blurOn || !this.camera) return this.videoTrack();
    if (on) {
      const blurred = createBlurredTrack(this.camera);
      try {
        await blurred.ready;
      } catch (error) {
        blurred.stop();
        throw error;
      }
      this.blurred = blurred;
    } else {
      this.blurred?.stop();
      this.blurred = null;
    }
    return this.videoTrack();
  }

  stop(): void {
    this.blurred?.stop();
    this.blurred = null;
    this.camera?.stop();
    this.microphone?.stop();
  }
}
