/**
 * The renderer's Content-Security-Policy, sent as a header by both shells (the meta tag in index.html
 * repeats it). No 'unsafe-inline', no 'unsafe-eval'; media only from the app and local streams.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  // 'wasm-unsafe-eval' lets WebAssembly compile (MediaPipe segmentation for blur and the device check); it does
  // not allow eval() or new Function() for JavaScript.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self'",
  // 'self' covers the web shell's own WebSocket (CSP3 matches ws: to the page's http: origin).
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers that go with every renderer file, whichever shell serves it. */
export const RENDERER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Camera and microphone for the app itself (calls, device check); nothing else.
  'Permissions-Policy': 'camera=(self), microphone=(self), display-capture=(self), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
};
