/**
 * Headers on every response. The API only speaks JSON to the desktop client's back office (never to a
 * browser page of another origin), so the defaults deny everything a browser could do with a response:
 * no framing, no sniffing, no caching of customer data, no referrer, no CORS. A route that serves pages
 * (the guest page) replaces Content-Security-Policy with its own.
 */
import type { ServerResponse } from 'node:http';

export function applySecurityHeaders(res: ServerResponse, options: { hsts: boolean }): void {
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), display-capture=()');
  // Appointments and notes are social data: no proxy or browser cache may keep them.
  res.setHeader('Cache-Control', 'no-store');
  if (options.hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
