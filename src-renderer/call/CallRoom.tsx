/**
 * A whole call for a participant who is already admitted: builds the mesh from what the server said at
 * admission, shows the stage, and reports the end. The guest page mounts this after `admitted` (or a `welcome`
 * with state admitted); the counsellor's session window builds its mesh itself, since it also runs the waiting room.
 *
 *   <CallRoom signalling={browserSignalling} self={welcome.self} participants={admitted.participants}
 *             iceServers={admitted.iceServers} media={localMedia} speakerId={null} onEnded={(why) => …} />
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
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /** Opened by <PreJoin>; CallRoom takes it over and stops it at the end. */
  readonly media: LocalMedia;
  readonly audioMuted?: boolean;
  readonly videoOff?: boolean;
  readonly speakerId: string | null;
  readonly onEnded: (reason: CallEnd) => void;
}

export function CallRoom(props: CallRoomProps) {
  const [mesh] = useState(() => {
    const created = new CallMesh({
      self: props.self,
      participants: props.participants,
      iceServers: props.iceServers,
      ...(props.iceTransportPolicy ? { iceTransportPolicy: props.iceTransportPolicy } : {}),
      localStream: props.media.handOver().stream(),
      signalling: props.signalling,
    });
    if (props.audioMuted) created.setAudioMuted(true);
    if (props.videoOff) created.setVideoOff(true);
    return created;
  });
  const ended = useSyncExternalStore(mesh.subscribe, () => mesh.getSnapshot().ended);
  const { media, onEnded } = props;

  useEffect(() => {
    if (!ended) return;
    media.stop();
    onEnded(ended);
  }, [ended, media, onEnded]);

  // Closing the page or navigating away leaves the room; a crash is noticed by the others within seconds.
  useEffect(() => {
    const leave = () => void mesh.hangUp(false);
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      mesh.dispose();
    };
  }, [mesh]);

  return <CallStage mesh={mesh} media={props.media} speakerId={props.speakerId} canEndForAll={false} onHangUp={() => void mesh.hangUp(false)} />;
}
