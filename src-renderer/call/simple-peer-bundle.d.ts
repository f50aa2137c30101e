/** The browserify bundle of simple-peer 9 (see ./simple-peer.ts); its API is the one @types/simple-peer describes. */
declare module 'simple-peer/simplepeer.min.js' {
  import type SimplePeer from 'simple-peer';
  const bundle: SimplePeer.SimplePeer;
  export default bundle;
}
