/**
 * `npm run bench:call`: time from joining a call to the first decoded remote video frame.
 *  - app: the counsellor (web shell) admits a customer (guest page); from the admit click to the first frame
 *    decoded on both sides (the later of the two), through the real server, signalling and mesh.
 *  - baseline: two bare pages with the same simple-peer bundle, signalled over a real WebSocket through a bare
 *    relay in its own process (tests/bench/bare-relay.ts), not through Playwright's slow CDP bridge, which made
 *    the baseline lenient; from creating the peers to the first frame decoded on both sides.
 * 20 calls each, p50/p95 in ms and the ratio app/baseline, as one JSON line. Needs `npm run build` first.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { callLaunch, startCallWorld } from '../e2e/call/call-world.js';
import { startBenchProcess, type BenchProcess } from './child-process.js';
import { watchMachine } from './machine.js';

const CALLS = 20;

/** In every page: the time (Date.now) each peer connection first decoded a remote video frame. */
const watchFirstFrames = () => {
  const Native = window.RTCPeerConnection;
  const firsts: number[] = [];
  (window as unknown as { __firstFrames: number[] }).__firstFrames = firsts;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      const poll = setInterval(() => {
        if (this.connectionState === 'closed') return clearInterval(poll);
        void this.getStats().then((report) => {
          report.forEach((stat: { type: string; kind?: string; framesDecoded?: number }) => {
            if (stat.type === 'inbound-rtp' && stat.kind === 'video' && (stat.framesDecoded ?? 0) > 0) {
              clearInterval(poll);
              firsts.push(Date.now());
            }
          });
        });
      }, 5);
    }
  } as typeof RTCPeerConnection;
};

const firstFrames = (page: Page): Promise<number[]> => page.evaluate(() => (window as unknown as { __firstFrames: number[] }).__firstFrames);

async function waitForFrames(page: Page, count: number): Promise<number> {
  for (let i = 0; i < 1500; i++) {
    const frames = await firstFrames(page);
    if (frames.length >= count) return frames[count - 1]!;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no remote frame within 30 s');
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function appCalls(browser: Browser): Promise<number[]> {
  const world = await startCallWorld();
  try {
    const counsellor = await world.openCounsellor(browser);
    // The mesh (and with it every peer connection) is made after this, when the room opens.
    await counsellor.page.evaluate(watchFirstFrames);
    await counsellor.page.getByRole('button', { name: 'Raum öffnen' }).click();
    const times: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const guest = await world.openGuest(browser, 'customer', `Kunde ${i + 1}`);
      // The guest is still in the waiting room, without peers: the watcher sees the call's connection from its start.
      await guest.page.evaluate(watchFirstFrames);
      const started = Date.now();
      await counsellor.page.getByRole('button', { name: `Einlassen: Kundin/Kunde: Kunde ${i + 1}` }).click();
      const [onCounsellor, onGuest] = await Promise.all([waitForFrames(counsellor.page, i + 1), waitForFrames(guest.page, 1)]);
      times.push(Math.max(onCounsellor, onGuest) - started);
      await guest.context.close();
      await counsellor.page.locator('figure.call-tile:not(.call-tile--own)').waitFor({ state: 'detached', timeout: 30_000 });
    }
    return times;
  } finally {
    await world.close();
  }
}

async function bareCalls(browser: Browser, relay: BenchProcess): Promise<number[]> {
  const bundle = await readFile('node_modules/simple-peer/simplepeer.min.js');
  const server = createServer((req, res) => {
    if (req.url === '/simplepeer.min.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/simplepeer.min.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const times: number[] = [];
  try {
    for (let i = 0; i < CALLS; i++) {
      const pages = await Promise.all([0, 1].map(async () => (await browser.newContext()).newPage()));
      for (const page of pages) {
        await page.addInitScript(watchFirstFrames);
        await page.goto(origin);
      }
      const [a, b] = pages as [Page, Page];
      // Signalled over a real WebSocket through the bare relay process, as the app is through its server;
      // frames that arrive before the page's peer exists wait in an inbox.
      const connect = async (url: string) => {
        const w = window as unknown as { __ws: WebSocket; __inbox: unknown[]; __peer?: { signal(d: unknown): void } };
        w.__inbox = [];
        w.__ws = new WebSocket(url);
        w.__ws.onmessage = (event) => {
          const data = JSON.parse(String(event.data)) as unknown;
          if (w.__peer) w.__peer.signal(data);
          else w.__inbox.push(data);
        };
        await new Promise((resolve, reject) => ((w.__ws.onopen = resolve), (w.__ws.onerror = reject)));
      };
      await Promise.all(pages.map((page) => page.evaluate(connect, relay.url)));
      // The same media as the app, opened before joining (the app's pre-join does that too).
      const openCamera = async () => {
        (window as unknown as { __stream: MediaStream }).__stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: { ideal: 1280 }, height: { ideal: 720 } } });
      };
      await Promise.all(pages.map((page) => page.evaluate(openCamera)));
      const start = (initiator: boolean) => {
        const w = window as unknown as {
          SimplePeer: new (o: object) => { on(e: string, f: (d: unknown) => void): void; signal(d: unknown): void };
          __peer: { signal(d: unknown): void };
          __stream: MediaStream;
          __ws: WebSocket;
          __inbox: unknown[];
        };
        const peer = new w.SimplePeer({ initiator, trickle: true, stream: w.__stream, config: { iceServers: [] } });
        peer.on('signal', (data) => w.__ws.send(JSON.stringify(data)));
        w.__peer = peer;
        for (const data of w.__inbox.splice(0)) peer.signal(data);
      };
      const started = Date.now();
      await Promise.all([b.evaluate(start, false), a.evaluate(start, true)]);
      const [onA, onB] = await Promise.all([waitForFrames(a, 1), waitForFrames(b, 1)]);
      times.push(Math.max(onA, onB) - started);
      await Promise.all(pages.map((page) => page.context().close()));
    }
  } finally {
    server.close();
  }
  return times;
}

const machine = watchMachine();
const relay = await startBenchProcess('tests/bench/bare-relay.ts');
const browser = await chromium.launch({ ...callLaunch, headless: true });
try {
  const baseline = await bareCalls(browser, relay);
  const app = await appCalls(browser);
  const figures = {
    bench: 'call',
    calls: CALLS,
    app_join_to_first_frame_ms: { p50: percentile(app, 50), p95: percentile(app, 95) },
    bare_simple_peer_ms: { p50: percentile(baseline, 50), p95: percentile(baseline, 95) },
    ratio_p50: Number((percentile(app, 50) / percentile(baseline, 50)).toFixed(2)),
    ratio_p95: Number((percentile(app, 95) / percentile(baseline, 95)).toFixed(2)),
    samples: { app: app.length, bare: baseline.length },
    ...machine.report(),
  };
  console.log(JSON.stringify(figures));
} finally {
  await browser.close();
  await relay.stop();
}
