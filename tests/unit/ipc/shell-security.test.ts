import { describe, expect, it } from 'vitest';
import { isAppUrl, isSafeExternalUrl, isTrustedFrame } from '../../../src-main/shell/app-origin.js';
import { isPermissionGranted, permissionTable, type Permission } from '../../../src-main/shell/permissions.js';

describe('Electron shell security rules', () => {
  it('trusts only the app origin’s top-level frame', () => {
    expect(isTrustedFrame('app://beratungsraum/index.html', true)).toBe(true);
    expect(isTrustedFrame('app://beratungsraum/index.html', false)).toBe(false);
    expect(isTrustedFrame('app://evil/index.html', true)).toBe(false);
    expect(isTrustedFrame('file:///C:/app/index.html', true)).toBe(false);
    expect(isTrustedFrame('https://beratungsraum/index.html', true)).toBe(false);
    expect(isTrustedFrame('not a url', true)).toBe(false);
  });

  it('lets only https and mailto links leave the app', () => {
    expect(isSafeExternalUrl('https://www.arbeitsagentur.de/')).toBe(true);
    expect(isSafeExternalUrl('mailto:?subject=Ihr%20Videotermin&body=Guten%20Tag')).toBe(true);
    for (const url of ['http://example.org/', 'file:///etc/passwd', 'smb://share/x', 'javascript:alert(1)', 'ms-settings:privacy']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('grants camera and microphone to the app origin only, and denies everything not listed as own-origin', () => {
    expect(isPermissionGranted('media', 'app://beratungsraum/index.html')).toBe(true);
    expect(isPermissionGranted('media', 'app://beratungsraum')).toBe(true);
    expect(isPermissionGranted('media', 'https://evil.example/')).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'usb', 'unknown'] satisfies Permission[]) {
      expect(isPermissionGranted(permission, 'app://beratungsraum/index.html'), permission).toBe(false);
    }
  });

  it('grants nothing but the few rows a consultation needs', () => {
    const granted = Object.entries(permissionTable).filter(([, rule]) => rule === 'own-origin').map(([name]) => name).sort();
    expect(granted).toEqual(['clipboard-sanitized-write', 'display-capture', 'fullscreen', 'media', 'screen-wake-lock', 'speaker-selection']);
    expect(isAppUrl('app://beratungsraum/x')).toBe(true);
  });
});
