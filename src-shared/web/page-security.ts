/**
 * The security headers of every page we serve: the counsellor's renderer (Electron's app:// protocol and the
 * web shell) and the customers' guest page (the self-hosted server). One policy, so the call components that
 * both pages share never work in one and fail in the other. The HTML files repeat the CSP in a meta tag.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  // 'wasm-unsafe-eval' lets WebAssembly compile (MediaPipe segmentation for blur and the device check); it does
  // not allow eval() or new Function() for JavaScript.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self'",
  // 'self' covers the page's own WebSocket (CSP3 matches ws:/wss: to the page's http:/https: origin).
  "connect-src 'self'",
  // The blur runs in a worker (src-renderer/media).
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Camera, microphone and screen sharing for the page itself (calls, device check); nothing else.
  'Permissions-Policy': 'camera=(self), microphone=(self), display-capture=(self), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
};
