/**
 * The browserify bundle of simple-peer 9 (see ./simple-peer.ts), typed here for the part of its API the call uses.
 * Why not @types/simple-peer: it references Node's types (`/// <reference types="node" />`, streams, Buffer), which
 * would put Node's globals into the renderer's TypeScript program, where `process` or `Buffer` must not type-check.
 */
declare module 'simple-peer/simplepeer.min.js' {
  /** Offer/answer or ICE candidate as simple-peer emits and accepts it (passed through signalling unchanged). */
  export interface SignalData {
    type?: 'offer' | 'answer' | 'pranswer' | 'rollback' | 'transceiverRequest' | 'renegotiate' | 'candidate';
    sdp?: string;
    candidate?: RTCIceCandidateInit;
    renegotiate?: boolean;
    transceiverRequest?: { kind: string; init?: RTCRtpTransceiverInit };
  }

  export interface Options {
    initiator?: boolean;
    trickle?: boolean;
    stream?: MediaStream;
    config?: RTCConfiguration;
  }

  /** Methods, not function properties: the call narrows `SignalData` to the shapes signalling validates. */
  interface Events {
    signal(data: SignalData): void;
    stream(stream: MediaStream): void;
    connect(): void;
    data(chunk: Uint8Array): void;
    iceStateChange(iceConnectionState: RTCIceConnectionState, iceGatheringState: RTCIceGatheringState): void;
    error(error: Error): void;
    close(): void;
  }

  export interface Instance {
    readonly connected: boolean;
    readonly destroyed: boolean;
    on<E extends keyof Events>(event: E, listener: Events[E]): this;
    removeAllListeners(event?: keyof Events): this;
    signal(data: SignalData | string): void;
    send(data: string | ArrayBufferView | ArrayBuffer | Blob): void;
    replaceTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack, stream: MediaStream): void;
    destroy(error?: Error): void;
  }

  const SimplePeer: new (options?: Options) => Instance;
  export default SimplePeer;
}
