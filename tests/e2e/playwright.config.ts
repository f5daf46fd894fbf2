// End-to-end tests: Debian's chromium (never a downloaded browser) against the real mmsgate binary
// and its Plivo simulator, which global setup starts on free loopback ports.
import { defineConfig } from '@playwright/test';

// Nothing in this suite may fetch a browser build.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

export const chromiumPath = process.env.MMSGATE_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './support/global-setup.ts',
  // The machine has two cores and the server is shared: one test at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  // About 2-3 minutes on an idle machine; generous for a busy one.
  globalTimeout: 10 * 60_000,
  expect: { timeout: 7_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    // Tracing doubles the run time on this small machine: MMSGATE_E2E_TRACE=1 turns it on.
    trace: process.env.MMSGATE_E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // A second fence behind the request routing in support/fixtures.ts: names other than the
        // loopback ones do not resolve.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      ],
    },
  },
});
