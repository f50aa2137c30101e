/**
 * Everything a call test needs, real and started per test file: the self-hosted server with signalling, guest
 * page and (optionally) TURN credentials for a real coturn; a test network namespace (Chromium does not use
 * loopback for WebRTC: the veth pair gives every machine a non-loopback path, and coturn listens inside it);
 * the counsellor's web shell signed in to the server; and helpers for guest pages and media statistics.
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumLaunch } from '../../../playwright.config.js';
import { appointmentHref } from '../../../src-renderer/app/routes.js';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import type { GuestRole } from '../../../src-shared/signalling/messages.js';
import { signallingExtension } from '../../../src-server/signalling/extension.js';
import { startCoturn, type TestTurn } from '../../support/coturn.js';
import { createTestNetwork, type TestNetwork } from '../../support/netns.js';
import { setUpPassphrase } from '../../support/store-gate.js';
import { startTestServer, TEST_DEMO_START, type TestServer } from '../../support/sync-server.js';
import { watchProblems, type PageProblems } from '../../support/web-shell.js';
import { launchWebShell, type WebShell } from '../../support/web-shell.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/** Fake camera (Chromium's moving test pattern) and microphone (a beep), and no permission prompts. */
export const callLaunch = {
  ...chromiumLaunch,
  args: [...chromiumLaunch.args, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
};

export const COUNSELLOR = { username: 'av.berger', displayName: 'Sabine Berger' };

export interface CallWorldOptions {
  /** Start a coturn and hand its credentials out through the server. */
  readonly turn?: boolean;
  /** Give the server a wrong TURN secret (the credentials it hands out are refused by coturn). */
  readonly wrongTurnSecret?: boolean;
  /** How long the server keeps a dropped participant's place (default: the server's). */
  readonly resumeGraceMs?: number;
}

export interface CallWorld {
  readonly server: TestServer;
  /** The counsellor's web shell (for tests that drive its sign-in themselves). */
  readonly shell: WebShell;
  readonly network: TestNetwork;
  readonly turn: TestTurn | null;
  /**
   * The appointment of the current call: each `openCounsellor` takes the next planned one, since a call's end
   * marks its appointment held, and a held appointment gets no new guest links.
   */
  readonly appointment: Appointment;
  readonly counsellorToken: string;
  /** Everybody (web shell and guest pages) reaches the server through this relay; `dropAll()` is a network drop. */
  readonly proxy: TcpProxy;
  /** The counsellor's web shell, signed in, on the session view of the appointment (pre-join). */
  openCounsellor(browser: Browser, network?: PageNetwork): Promise<{ page: Page; problems: PageProblems }>;
  /**
   * A guest link for the role, opened in its own browser context, through consent and device check into the
   * waiting room; `via` another relay than `proxy` (from `startProxy`) gives this guest a network of its own.
   */
  openGuest(browser: Browser, role: GuestRole, name: string, network?: PageNetwork, via?: TcpProxy): Promise<{ page: Page; context: BrowserContext; problems: PageProblems }>;
  /** One more relay to the server (closed with the world). */
  startProxy(): Promise<TcpProxy>;
  close(): Promise<void>;
}

/**
 * 'relay-only' stands for a network where no direct path exists (a customer behind a strict firewall): the page
 * may only use relay candidates, as if its host addresses were unreachable.
 */
export type PageNetwork = 'open' | 'relay-only';

/**
 * Records every RTCPeerConnection a page makes, so tests read real statistics without hooks in the app; with
 * `relayOnly` it also restricts the page to TURN, as a firewall that blocks direct UDP would.
 */
export const recordPeerConnections = (relayOnly: boolean) => {
  const Native = window.RTCPeerConnection;
  const all: RTCPeerConnection[] = [];
  (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = all;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(relayOnly ? { ...config, iceTransportPolicy: 'relay' } : config);
      all.push(this);
    }
  } as typeof RTCPeerConnection;
};

export async function startCallWorld(options: CallWorldOptions = {}): Promise<CallWorld> {
  const network = createTestNetwork();
  const turn = options.turn ? await startCoturn(network) : null;
  // A private copy of the build: other engineers' `npm run build` in the shared tree must not pull it away mid-call.
  const shell = await launchWebShell({ privateCopyOf: 'out' });
  const server = await startTestServer({
    extensions: [signallingExtension],
    config: {
      guest: { pageDir: shell.rendererDir },
      ...(options.resumeGraceMs ? { signalling: { resumeGraceMs: options.resumeGraceMs } } : {}),
      ...(turn ? { turn: { secret: options.wrongTurnSecret ? 'not-the-secret-of-this-coturn' : turn.secret, urls: [turn.urls.udp, turn.urls.tcp] } } : {}),
    } as never,
  });
  const proxy = await startTcpProxy(new URL(server.url));
  const moreProxies: TcpProxy[] = [];
  const counsellorToken = await server.login(COUNSELLOR.username);
  const feed = await server.request(`/api/v1/appointments?from=${TEST_DEMO_START}&to=2026-11-30`, { token: counsellorToken });
  const { items } = (await feed.json()) as { items: Appointment[] };
  const planned = items.filter((item) => item.status === 'planned');
  const first = planned[0];
  if (!first) throw new Error('Demo data has no planned appointment for the counsellor');
  let appointment: Appointment = first;
  let calls = 0;

  return {
    server,
    shell,
    network,
    turn,
    get appointment() {
      return appointment;
    },
    counsellorToken,
    proxy,
    async openCounsellor(browser, network = 'open') {
      const next = planned[calls++];
      if (!next) throw new Error('Demo data has too few planned appointments for the calls of this file');
      appointment = next;
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = await watchProblems(page);
      await page.addInitScript(recordPeerConnections, network === 'relay-only');
      await page.goto(await shell.launchUrl());
      // The store of this web shell was set up by an earlier test of the file and may still be unlocked.
      const unlocked = page.getByRole('button', { name: 'Sperren' });
      await expect(unlocked.or(page.getByRole('heading', { name: /Lokale Daten schützen|Beratungsraum ist gesperrt/ }))).toBeVisible();
      if (!(await unlocked.isVisible())) await setUpPassphrase(page);
      await signInFromStatusBar(page, server, proxy.url);
      await page.evaluate((hash) => (window.location.hash = hash), appointmentHref('sitzung', appointment.id));
      await expect(page.getByRole('button', { name: 'Raum öffnen' })).toBeEnabled();
      return { page, problems };
    },
    async startProxy() {
      const another = await startTcpProxy(new URL(server.url));
      moreProxies.push(another);
      return another;
    },
    async openGuest(browser, role, name, network = 'open', via = proxy) {
      const reply = await server.request('/api/v1/guest-links', { token: counsellorToken, json: { appointmentId: appointment.id, role } });
      expect(reply.status).toBe(201);
      const { url } = (await reply.json()) as { url: string };
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = await watchProblems(page);
      await page.addInitScript(recordPeerConnections, network === 'relay-only');
      await page.goto(url.replace(server.url, via.url));
      const consent = page.getByRole('heading', { name: 'Einwilligung in die Videoberatung' });
      await expect(consent.or(page.getByRole('alert'))).toBeVisible();
      if (!(await consent.isVisible())) throw new Error(`Guest page: ${await page.locator('main, body').first().innerText()}`);
      await page.getByLabel(/Ihr Name/).fill(name);
      await page.getByLabel('Ich willige ein, dass diese Beratung per Video stattfindet.').check();
      await page.getByRole('button', { name: 'Einwilligen und weiter' }).click();
      await page.getByRole('button', { name: 'Warteraum betreten' }).click();
      await expect(page.getByRole('heading', { name: 'Sie sind im Warteraum' })).toBeVisible();
      return { page, context, problems };
    },
    async close() {
      await shell.stop();
      await proxy.close();
      for (const another of moreProxies) await another.close();
      await server.close();
      await turn?.stop();
      network.close();
    },
  };
}

/** Signs the counsellor in through the status bar's form, once per web shell: the server session outlives the page. */
export async function signInFromStatusBar(page: Page, server: TestServer, serverUrl: string): Promise<void> {
  const account = server.server.demoAccounts.find((candidate) => candidate.username === COUNSELLOR.username)!;
  const banner = page.getByRole('banner');
  const signedIn = banner.getByText(`Angemeldet als ${COUNSELLOR.displayName}`);
  const signIn = banner.getByRole('button', { name: 'Anmelden', exact: true });
  await expect(signedIn.or(signIn)).toBeVisible();
  if (await signIn.isVisible()) {
    await signIn.click();
    const dialog = page.getByRole('dialog', { name: 'Am Beratungsraum-Server anmelden' });
    await dialog.getByLabel('Serveradresse').fill(serverUrl);
    await dialog.getByLabel('Benutzername').fill(account.username);
    await dialog.getByLabel('Passwort für den Server').fill(account.password);
    await dialog.getByRole('button', { name: 'Am Server anmelden' }).click();
    await expect(dialog).toHaveCount(0);
  }
  await expect(signedIn).toBeVisible();
}

/** Inbound video bytes and decoded frames summed over every peer connection of the page. */
export async function inboundVideo(page: Page): Promise<{ bytes: number; frames: number; connections: number }> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.filter((pc) => pc.connectionState !== 'closed');
    let bytes = 0;
    let frames = 0;
    for (const pc of pcs) {
      const report = await pc.getStats();
      report.forEach((stat: { type: string; kind?: string; bytesReceived?: number; framesDecoded?: number }) => {
        if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
          bytes += stat.bytesReceived ?? 0;
          frames += stat.framesDecoded ?? 0;
        }
      });
    }
    return { bytes, frames, connections: pcs.length };
  });
}

/** Per remote peer: inbound video frames decoded so far (one entry per open connection). */
export async function framesPerPeer(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.filter((pc) => pc.connectionState === 'connected');
    return Promise.all(
      pcs.map(async (pc) => {
        let frames = 0;
        (await pc.getStats()).forEach((stat: { type: string; kind?: string; framesDecoded?: number }) => {
          if (stat.type === 'inbound-rtp' && stat.kind === 'video') frames += stat.framesDecoded ?? 0;
        });
        return frames;
      }),
    );
  });
}

/** Waits until the page's inbound video grows (bytes and decoded frames) over a short interval. */
export async function expectVideoFlowing(page: Page, label: string): Promise<void> {
  const before = await inboundVideo(page);
  await expect
    .poll(async () => {
      const now = await inboundVideo(page);
      return now.bytes > before.bytes && now.frames > before.frames + 5;
    }, { message: `${label}: inbound video must grow`, timeout: 20_000 })
    .toBe(true);
}

/** The tiles of other participants on a page (the own tile excluded). */
export const remoteTiles = (page: Page) => page.locator('figure.call-tile:not(.call-tile--own)');
