/**
 * Just enough STUN (RFC 5389) to measure a TURN server from the command line: Binding requests go to the same
 * port and transport as the TURN allocation, so a reply proves the server is reachable that way and gives the
 * round trip. coturn answers Binding without credentials. Bytes in, bytes out: the socket lives in src-main.
 */
export const STUN_MAGIC_COOKIE = 0x2112a442;
const BINDING_REQUEST = 0x0001;
const BINDING_SUCCESS = 0x0101;

export function bindingRequest(transactionId: Uint8Array): Uint8Array {
  if (transactionId.length !== 12) throw new RangeError('Die STUN-Transaktionskennung muss 12 Byte lang sein.');
  const out = new Uint8Array(20);
  const view = new DataView(out.buffer);
  view.setUint16(0, BINDING_REQUEST);
  view.setUint16(2, 0);
  view.setUint32(4, STUN_MAGIC_COOKIE);
  out.set(transactionId, 8);
  return out;
}

export interface StunReply {
  readonly transactionId: Uint8Array;
  readonly success: boolean;
  /** The length the header announces; over TCP, messages are framed by it. */
  readonly length: number;
}

/** Parses a STUN header; null if the bytes are not a STUN message (wrong cookie or first bits). */
export function parseStunHeader(bytes: Uint8Array): StunReply | null {
  if (bytes.length < 20) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = view.getUint16(0);
  if ((type & 0xc000) !== 0 || view.getUint32(4) !== STUN_MAGIC_COOKIE) return null;
  return { transactionId: bytes.slice(8, 20), success: type === BINDING_SUCCESS, length: 20 + view.getUint16(2) };
}

export const sameTransaction = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** RTT samples (null = lost) into the network check's figures. Jitter: mean absolute difference of consecutive RTTs. */
export function summariseProbes(samples: readonly (number | null)[]): { rttMs: number | null; jitterMs: number | null; lossPercent: number; sent: number } {
  const got = samples.filter((s): s is number => s !== null);
  const sorted = [...got].sort((a, b) => a - b);
  const median = sorted.length ? (sorted[Math.floor((sorted.length - 1) / 2)] as number) : null;
  let jitter = 0;
  for (let i = 1; i < got.length; i++) jitter += Math.abs((got[i] as number) - (got[i - 1] as number));
  return {
    rttMs: median,
    jitterMs: got.length > 1 ? jitter / (got.length - 1) : got.length ? 0 : null,
    lossPercent: samples.length ? (100 * (samples.length - got.length)) / samples.length : 0,
    sent: samples.length,
  };
}
