/**
 * A whole call for a participant who is already admitted: builds the mesh from what the server said at
 * admission, shows the stage, and reports the end. The guest page mounts this after `admitted` (or a `welcome`
 * with state admitted); the counsellor's session window builds its mesh itself, since it also runs the waiting room.
 *
 *   <CallRoom signalling={browserSignalling} self={welcome.self} participants={admitted.participants}
 *             iceServers={admitted.iceServers} iceExpiresAt={admitted.iceExpiresAt} media={localMedia}
 *             speakerId={null} onEnded={(why) => …} />
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { IceServer, Participant } from '../../src-shared/signalling/messages.js';
import { CallMesh, type CallEnd } from './call-mesh.js';
import type { CallSignalling } from './call-signalling.js';
import { CallStage } from './CallStage.js';
import type { LocalMedia } from './local-media.js';

export interface CallRoomProps {
  readonly signalling: CallSignalling;
  readonly self: Participant;
  readonly participants: readonly Participant[];
  readonly iceServers: readonly IceServer[];
  readonly iceExpiresAt?: string | null;
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /** Opened by <PreJoin>; CallRoom takes it over and stops it at the end. */
  readonly media: LocalMedia;
  readonly audioMuted?: boolean;
  readonly videoOff?: boolean;
  readonly speakerId: string | null;
  readonly onEnded: (reason: CallEnd) => void;
}

function RunningCall({ mesh, media, speakerId, onEnded }: { mesh: CallMesh; media: LocalMedia; speakerId: string | null; onEnded: (reason: CallEnd) => void }) {
  const ended = useSyncExternalStore(mesh.subscribe, () => mesh.getSnapshot().ended);
  useEffect(() => {
    if (!ended) return;
    media.stop();
    onEnded(ended);
  }, [ended, media, onEnded]);
  return <CallStage mesh={mesh} media={media} speakerId={speakerId} canEndForAll={false} onHangUp={() => void mesh.hangUp(false)} />;
}

export function CallRoom(props: CallRoomProps) {
  const [mesh, setMesh] = useState<CallMesh | null>(null);
  const { signalling, self, participants, iceServers, iceExpiresAt, iceTransportPolicy, media } = props;

  useEffect(() => {
    // The mesh opens peer connections, so it is made here rather than during render (StrictMode renders twice).
    const created = new CallMesh({
      self,
      participants,
      iceServers,
      iceExpiresAt: iceExpiresAt ?? null,
      ...(iceTransportPolicy ? { iceTransportPolicy } : {}),
      localStream: media.handOver().stream(),
      signalling,
    });
    if (props.audioMuted) created.setAudioMuted(true);
    if (props.videoOff) created.setVideoOff(true);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- hands the mesh made above to the stage
    setMesh(created);
    // Closing the page leaves the room at once; a crash is noticed by the others within seconds.
    const leave = () => void created.hangUp(false);
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      created.dispose();
    };
    // The mute states are only the starting state of this admission.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signalling, self, participants, iceServers, iceExpiresAt, iceTransportPolicy, media]);

  return mesh ? <RunningCall mesh={mesh} media={media} speakerId={props.speakerId} onEnded={props.onEnded} /> : null;
}
