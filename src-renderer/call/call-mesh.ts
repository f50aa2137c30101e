/**
 * A full mesh of simple-peer connections, one per other participant (up to 4 people: counsellor, customer,
 * interpreter, carer). Rules, shared with the server's protocol (src-shared/signalling/messages.ts):
 *  - whoever is admitted later calls everyone already in the room (initiator); the others answer,
 *  - ICE servers come only from the server (the room's TURN credentials), never a public STUN,
 *  - media and chat go peer to peer; the server only relays SDP and ICE candidates,
 *  - when a path drops, the initiator restarts ICE; a peer that failed for good is rebuilt while its
 *    participant is still in the room.
 * Nothing is recorded: streams are only attached to <video> elements; chat lives in memory until the call ends.
 */
import { CallDataMessage, MAX_DATA_FRAME_BYTES } from '../../src-shared/call/data-channel.js';
import type { IceServer, Participant, ParticipantId, ServerMessage, SignalData } from '../../src-shared/signalling/messages.js';
import type { CallSignalling, SignallingState } from './call-signalling.js';
import { rateConnection, type QualitySample } from './connection-quality.js';
import { SimplePeer, negotiate, peerConnection, type Peer, type PeerSignal } from './simple-peer.js';

export type MediaState = 'connecting' | 'connected' | 'reconnecting';

export interface RemoteView {
  readonly participant: Participant;
  readonly stream: MediaStream | null;
  readonly media: MediaState;
  /** The participant's signalling connection is up (false while it drops and may resume). */
  readonly online: boolean;
  /** The media path has been gone for a while (crash, closed lid): the tile leaves the view until it returns. */
  readonly away: boolean;
  readonly audioMuted: boolean;
  readonly videoOff: boolean;
  readonly sharing: boolean;
  readonly quality: QualitySample | null;
}

export interface ChatLine {
  readonly id: string;
  readonly from: ParticipantId;
  readonly own: boolean;
  readonly text: string;
  readonly at: number;
}

export type CallEnd = 'left' | 'ended' | 'removed' | 'expired';

export interface CallSnapshot {
  readonly self: Participant;
  readonly remotes: readonly RemoteView[];
  readonly chat: readonly ChatLine[];
  readonly audioMuted: boolean;
  readonly videoOff: boolean;
  readonly sharing: boolean;
  readonly signalling: SignallingState;
  readonly ended: CallEnd | null;
  /** A failure the user should read (e.g. no path through TURN), as a key of the call locales. */
  readonly problem: 'ice_failed' | 'turn_refused' | null;
}

export interface CallMeshOptions {
  readonly self: Participant;
  /** Everyone admitted before us; we call them. */
  readonly participants: readonly Participant[];
  readonly iceServers: readonly IceServer[];
  /** When the TURN credentials expire; fresh ones are asked for a few minutes before. */
  readonly iceExpiresAt?: string | null;
  /** 'relay' forces TURN (tests, or a deployment that must hide addresses). */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  readonly localStream: MediaStream;
  readonly signalling: CallSignalling;
}

interface PeerEntry {
  participant: Participant;
  peer: Peer;
  initiator: boolean;
  view: RemoteView;
  restartTimer: ReturnType<typeof setTimeout> | null;
  awayTimer: ReturnType<typeof setTimeout> | null;
  statsPrevious: QualitySample['counters'] | null;
  /** Set after a failure without a path: a rebuilt peer that fails again reports it to the user. */
  failures: number;
}

/** After this long in `disconnected`, the initiator restarts ICE instead of waiting for Chromium's ~30 s failure. */
const RESTART_AFTER_MS = 2_000;
/** Chromium reports `disconnected` ~5 s after the last packet; 3 s more and the participant counts as gone. */
const AWAY_AFTER_MS = 3_000;
const STATS_EVERY_MS = 2_000;
const fingerprint = (sdp: string | undefined): string | null => /a=fingerprint:\S+ (\S+)/.exec(sdp ?? '')?.[1] ?? null;

export class CallMesh {
  private readonly peers = new Map<ParticipantId, PeerEntry>();
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly outgoing: MediaStream;
  private iceServers: IceServer[];
  private snapshot: CallSnapshot;
  private statsTimer: ReturnType<typeof setInterval>;
  private iceRefreshTimer: ReturnType<typeof setTimeout> | null = null;
  private cameraTrack: MediaStreamTrack | null;
  private screenTrack: MediaStreamTrack | null = null;

  constructor(private readonly options: CallMeshOptions) {
    this.iceServers = [...options.iceServers];
    this.outgoing = new MediaStream(options.localStream.getTracks());
    this.cameraTrack = options.localStream.getVideoTracks()[0] ?? null;
    this.snapshot = {
      self: options.self,
      remotes: [],
      chat: [],
      audioMuted: false,
      videoOff: false,
      sharing: false,
      signalling: 'open',
      ended: null,
      problem: null,
    };
    this.unsubscribe.push(options.signalling.onMessage((message) => this.onServerMessage(message)));
    this.unsubscribe.push(options.signalling.onState((state) => this.onSignallingState(state)));
    for (const participant of options.participants) this.addPeer(participant, true);
    this.statsTimer = setInterval(() => void this.sampleStats(), STATS_EVERY_MS);
    this.scheduleIceRefresh(options.iceExpiresAt ?? null);
    this.publish();
  }

  // ---------------------------------------------------------------------------------------------------------
  // For React: useSyncExternalStore(mesh.subscribe, mesh.getSnapshot)

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CallSnapshot => this.snapshot;

  // ---------------------------------------------------------------------------------------------------------
  // Controls

  setAudioMuted(muted: boolean): void {
    for (const track of this.outgoing.getAudioTracks()) track.enabled = !muted;
    this.update({ audioMuted: muted });
    this.broadcastState();
  }

  setVideoOff(off: boolean): void {
    if (this.cameraTrack) this.cameraTrack.enabled = !off;
    this.update({ videoOff: off });
    this.broadcastState();
  }

  /**
   * Sends `track` instead of the current camera picture (blurred camera, or the plain camera again). The
   * senders keep their transceivers, so no renegotiation is needed.
   */
  replaceCameraTrack(track: MediaStreamTrack): void {
    const previous = this.cameraTrack;
    track.enabled = !this.snapshot.videoOff;
    this.cameraTrack = track;
    if (!this.screenTrack && previous) this.swapOutgoingVideo(previous, track);
  }

  /** Shares a screen or window (its track from getDisplayMedia) in place of the camera. */
  startSharing(track: MediaStreamTrack): void {
    const current = this.screenTrack ?? this.cameraTrack;
    if (!current) throw new Error('Ohne Kamera-Spur kann nichts geteilt werden.');
    this.screenTrack = track;
    track.addEventListener('ended', () => this.stopSharing(), { once: true });
    this.swapOutgoingVideo(current, track);
    this.update({ sharing: true });
    this.broadcastState();
  }

  stopSharing(): void {
    const screen = this.screenTrack;
    if (!screen) return;
    this.screenTrack = null;
    if (this.cameraTrack) this.swapOutgoingVideo(screen, this.cameraTrack);
    screen.stop();
    this.update({ sharing: false });
    this.broadcastState();
  }

  sendChat(text: string): void {
    const parsed = CallDataMessage.safeParse({ k: 'chat', id: crypto.randomUUID(), text });
    if (!parsed.success || parsed.data.k !== 'chat') return;
    this.broadcast(parsed.data);
    this.update({ chat: [...this.snapshot.chat, { id: parsed.data.id, from: this.options.self.id, own: true, text: parsed.data.text, at: Date.now() }] });
  }

  /** Leave (or, for the counsellor, end for all); closes every peer. The local tracks stay with the caller. */
  async hangUp(endForAll: boolean): Promise<void> {
    if (this.snapshot.ended) return;
    this.dispose();
    this.update({ ended: endForAll ? 'ended' : 'left' });
    await this.options.signalling.leave(endForAll);
  }

  /** Stops timers and peers without telling the server (page unload, or after the server closed the room). */
  dispose(): void {
    clearInterval(this.statsTimer);
    if (this.iceRefreshTimer) clearTimeout(this.iceRefreshTimer);
    for (const off of this.unsubscribe.splice(0)) off();
    for (const entry of this.peers.values()) this.destroyEntry(entry);
    this.peers.clear();
    this.screenTrack?.stop();
  }

  /** The peer connections, for the statistics a test or the benchmark reads. */
  connections(): RTCPeerConnection[] {
    return [...this.peers.values()].map((entry) => peerConnection(entry.peer));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Server messages

  private onServerMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'participant.joined':
        // The newcomer calls us; we answer when its offer arrives. A stale peer of the same id is replaced.
        if (message.participant.id === this.options.self.id) return;
        this.removePeer(message.participant.id);
        this.addPeer(message.participant, false);
        return;
      case 'participant.left':
        this.removePeer(message.participantId);
        return;
      case 'participant.connection':
        this.updateEntry(message.participantId, { online: message.connected });
        return;
      case 'signal':
        this.onSignal(message.from, message.data);
        return;
      case 'ice.servers':
        this.iceServers = [...message.iceServers];
        this.scheduleIceRefresh(message.iceExpiresAt);
        for (const entry of this.peers.values()) {
          const pc = peerConnection(entry.peer);
          pc.setConfiguration({ ...pc.getConfiguration(), iceServers: this.iceServers });
        }
        return;
      case 'room.closed':
        this.dispose();
        this.update({ ended: message.reason === 'removed' ? 'removed' : message.reason === 'expired' ? 'expired' : 'ended' });
        return;
      default:
        return;
    }
  }

  /** TURN credentials expire (coturn checks them on every allocation refresh): renew them 5 minutes ahead. */
  private scheduleIceRefresh(expiresAt: string | null): void {
    if (this.iceRefreshTimer) clearTimeout(this.iceRefreshTimer);
    this.iceRefreshTimer = null;
    if (!expiresAt) return;
    const inMs = Math.max(10_000, Date.parse(expiresAt) - Date.now() - 5 * 60_000);
    this.iceRefreshTimer = setTimeout(() => this.options.signalling.refreshIce(), inMs);
  }

  private onSignallingState(state: SignallingState): void {
    const wasResuming = this.snapshot.signalling === 'resuming';
    this.update({ signalling: state });
    // Back after a drop: paths that broke meanwhile get an ICE restart now that signals can flow again.
    if (wasResuming && state === 'open') for (const entry of this.peers.values()) if (entry.view.media !== 'connected') this.restartIce(entry);
  }

  private onSignal(from: ParticipantId, data: SignalData): void {
    let entry = this.peers.get(from);
    if (data.type === 'offer' && entry && !entry.initiator) {
      // A new DTLS fingerprint means the caller rebuilt its peer (ours cannot follow): answer with a new one.
      const known = fingerprint(peerConnection(entry.peer).remoteDescription?.sdp);
      if (entry.peer.destroyed || (known !== null && known !== fingerprint(data.sdp))) {
        this.peers.delete(from);
        this.destroyEntry(entry);
        entry = this.addPeer(entry.participant, false, entry);
      }
    }
    if (!entry) return; // Not (yet) in our view of the room: the server only relays within the room, so it will be.
    if (data.type === 'renegotiate' && entry.initiator && entry.view.media !== 'connected') peerConnection(entry.peer).restartIce();
    // @types/simple-peer types candidates as RTCIceCandidate; simple-peer passes the JSON form (RTCIceCandidateInit) on.
    if (!entry.peer.destroyed) entry.peer.signal(data as PeerSignal);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Peers

  /** `previous`: the entry this one rebuilds, whose tile (stream, states) stays on screen meanwhile. */
  private addPeer(participant: Participant, initiator: boolean, previous: PeerEntry | undefined = this.peers.get(participant.id)): PeerEntry {
    const peer = new SimplePeer({
      initiator,
      trickle: true,
      stream: this.outgoing,
      config: { iceServers: this.iceServers, iceTransportPolicy: this.options.iceTransportPolicy ?? 'all' },
    });
    const entry: PeerEntry = {
      participant,
      peer,
      initiator,
      restartTimer: null,
      awayTimer: null,
      statsPrevious: null,
      failures: previous?.failures ?? 0,
      view: previous?.view ?? { participant, stream: null, media: 'connecting', online: participant.connected, away: false, audioMuted: false, videoOff: false, sharing: false, quality: null },
    };
    this.peers.set(participant.id, entry);
    const current = () => this.peers.get(participant.id) === entry;

    peer.on('signal', (data: SignalData) => {
      if (current()) this.options.signalling.signal(participant.id, data);
    });
    peer.on('stream', (stream: MediaStream) => {
      if (current()) this.setView(entry, { stream });
    });
    peer.on('connect', () => {
      if (!current()) return;
      entry.failures = 0;
      this.setView(entry, { media: 'connected' });
      this.update({ problem: null });
      this.sendState(entry);
    });
    peer.on('data', (chunk: Uint8Array) => {
      if (current()) this.onData(entry, chunk);
    });
    peer.on('iceStateChange', (state: RTCIceConnectionState) => {
      if (current()) this.onIceState(entry, state);
    });
    peerConnection(peer).addEventListener('icecandidateerror', (event) => {
      // 401/403 from TURN: the credentials are wrong or expired. Ask for fresh ones and tell the user if they fail too.
      const code = (event as RTCPeerConnectionIceErrorEvent).errorCode;
      if (!current() || (code !== 401 && code !== 403)) return;
      if (this.snapshot.problem !== 'turn_refused') this.options.signalling.refreshIce();
      // With a direct path the call works anyway; the warning matters where the relay is the only way.
      if (entry.view.media !== 'connected') this.update({ problem: 'turn_refused' });
    });
    peer.on('error', () => {
      // 'close' follows every error; the rebuild happens there.
    });
    peer.on('close', () => {
      if (!current() || this.snapshot.ended) return;
      entry.failures += 1;
      if (entry.failures >= 2) this.update({ problem: 'ice_failed' });
      this.setView(entry, { media: 'reconnecting' });
      // The caller rebuilds; the answerer waits for the new offer (see onSignal).
      if (entry.initiator) setTimeout(() => current() && this.addPeer(entry.participant, true, entry), 500);
    });
    this.publish();
    return entry;
  }

  private onIceState(entry: PeerEntry, state: RTCIceConnectionState): void {
    if (state === 'connected' || state === 'completed') {
      if (entry.restartTimer) clearTimeout(entry.restartTimer);
      if (entry.awayTimer) clearTimeout(entry.awayTimer);
      entry.restartTimer = null;
      entry.awayTimer = null;
      if (entry.view.away) this.setView(entry, { away: false });
      if (entry.view.media !== 'connected' && entry.peer.connected) this.setView(entry, { media: 'connected' });
      return;
    }
    if (state === 'disconnected' || state === 'failed') {
      entry.awayTimer ??= setTimeout(() => {
        entry.awayTimer = null;
        if (this.peers.get(entry.participant.id) === entry && entry.view.media !== 'connected') this.setView(entry, { away: true });
      }, AWAY_AFTER_MS);
    }
    if (state === 'disconnected' && entry.view.media === 'connected') {
      this.setView(entry, { media: 'reconnecting' });
      entry.restartTimer ??= setTimeout(() => {
        entry.restartTimer = null;
        const now = peerConnection(entry.peer).iceConnectionState;
        if (now === 'disconnected' || now === 'failed') this.restartIce(entry);
      }, RESTART_AFTER_MS);
    }
  }

  /** The initiator offers with new ICE credentials; the answerer asks it to (simple-peer's `renegotiate`). */
  private restartIce(entry: PeerEntry): void {
    if (entry.peer.destroyed) return;
    if (entry.initiator) peerConnection(entry.peer).restartIce();
    negotiate(entry.peer);
  }

  private removePeer(id: ParticipantId): void {
    const entry = this.peers.get(id);
    if (!entry) return;
    this.peers.delete(id);
    this.destroyEntry(entry);
    this.publish();
  }

  private destroyEntry(entry: PeerEntry): void {
    if (entry.restartTimer) clearTimeout(entry.restartTimer);
    if (entry.awayTimer) clearTimeout(entry.awayTimer);
    entry.peer.removeAllListeners('close');
    entry.peer.destroy();
  }

  private onData(entry: PeerEntry, chunk: Uint8Array): void {
    if (chunk.byteLength > MAX_DATA_FRAME_BYTES) return;
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(chunk));
    } catch {
      return;
    }
    const parsed = CallDataMessage.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.k === 'state') this.setView(entry, { audioMuted: message.audioMuted, videoOff: message.videoOff, sharing: message.sharing });
    else if (!this.snapshot.chat.some((line) => line.id === message.id)) {
      this.update({ chat: [...this.snapshot.chat, { id: message.id, from: entry.participant.id, own: false, text: message.text, at: Date.now() }] });
    }
  }

  private broadcastState(): void {
    for (const entry of this.peers.values()) this.sendState(entry);
  }

  private sendState(entry: PeerEntry): void {
    const { audioMuted, videoOff, sharing } = this.snapshot;
    this.sendTo(entry, { k: 'state', audioMuted, videoOff, sharing });
  }

  private broadcast(message: CallDataMessage): void {
    for (const entry of this.peers.values()) this.sendTo(entry, message);
  }

  private sendTo(entry: PeerEntry, message: CallDataMessage): void {
    if (!entry.peer.connected) return;
    try {
      entry.peer.send(JSON.stringify(message));
    } catch {
      // The channel closed in between; the peer's close handler takes over.
    }
  }

  private swapOutgoingVideo(from: MediaStreamTrack, to: MediaStreamTrack): void {
    for (const entry of this.peers.values()) {
      if (entry.peer.destroyed) continue;
      try {
        entry.peer.replaceTrack(from, to, this.outgoing);
      } catch {
        // A peer still negotiating its first offer has no sender yet; it is rebuilt with the new stream below.
      }
    }
    this.outgoing.removeTrack(from);
    this.outgoing.addTrack(to);
  }

  private async sampleStats(): Promise<void> {
    for (const entry of this.peers.values()) {
      if (entry.peer.destroyed || entry.view.media !== 'connected') continue;
      const report = await peerConnection(entry.peer).getStats();
      const sample = rateConnection(report.values() as Iterable<{ type: string }>, entry.statsPrevious, performance.now());
      entry.statsPrevious = sample.counters;
      this.setView(entry, { quality: sample });
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Snapshot

  private updateEntry(id: ParticipantId, change: Partial<RemoteView>): void {
    const entry = this.peers.get(id);
    if (entry) this.setView(entry, change);
  }

  private setView(entry: PeerEntry, change: Partial<RemoteView>): void {
    entry.view = { ...entry.view, ...change };
    this.publish();
  }

  private update(change: Partial<CallSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    this.notify();
  }

  private publish(): void {
    this.snapshot = { ...this.snapshot, remotes: [...this.peers.values()].map((entry) => entry.view) };
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/** A participant whose signalling dropped and whose media path is gone is not shown (crash, closed tab). */
export const isVisible = (remote: RemoteView): boolean => !remote.away && (remote.online || remote.media === 'connected');
