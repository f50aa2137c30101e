/**
 * simple-peer 9 as its own prebuilt browser bundle. The package's `index.js` needs Node's `events`, `process`,
 * `Buffer` and `global` (readable-stream 3, randombytes), which Vite does not polyfill; the bundle it ships
 * (`simplepeer.min.js`, built by browserify) carries those shims inside, uses no eval (so the strict CSP holds)
 * and works the same in Electron's sandboxed renderer, the web shell and the guest page.
 *
 * Why not `@thaunknown/simple-peer@10` (ESM): it depends on `webrtc-polyfill` → `node-datachannel`, a native
 * module whose install downloads or compiles libdatachannel; on a fresh machine without internet it fails.
 */
import SimplePeerBundle, { type Instance, type SignalData } from 'simple-peer/simplepeer.min.js';

export type Peer = Instance;
export type PeerSignal = SignalData;

export const SimplePeer = SimplePeerBundle;

/** The peer's RTCPeerConnection: simple-peer keeps it as `_pc`; stats and ICE restarts need it. */
export const peerConnection = (peer: Peer): RTCPeerConnection => (peer as unknown as { _pc: RTCPeerConnection })._pc;

/** simple-peer's `negotiate()` (the initiator offers again; the answerer asks it to), not part of its documented API. */
export const negotiate = (peer: Peer): void => (peer as unknown as { negotiate(): void }).negotiate();
