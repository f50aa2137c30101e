import { defineConfig } from '@playwright/test';

/**
 * Browser tests run against the web shell in Debian's Chromium (no browser download: `npx playwright install`
 * cannot work here). Electron specs run through Playwright's `_electron` only where the binary exists.
 */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    // Without these Chromium tries to reach Google services, which this closed network refuses.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
  ],
};

export default defineConfig({
  testDir: 'tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    launchOptions: chromiumLaunch,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'web-shell', testDir: 'tests/e2e', testMatch: /\.spec\.ts$/ },
    { name: 'electron', testDir: 'tests/electron', testMatch: /\.spec\.ts$/ },
  ],
});
