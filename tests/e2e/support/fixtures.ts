// The `test` every spec uses: the browser context can only reach loopback hosts, `baseURL` is the
// mmsgate origin global setup started, and fixtures give a fresh account, the simulator and a
// signed-in page.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { addUser, newAccount, readSystemInfo, type Account, type SystemInfo } from './mmsgate';
import { Simulator } from './simulator';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

// Aborts every request to a host that is not this machine. Tests that show media previews route
// their made-up image hosts on the page, which takes precedence over this.
export async function keepTrafficLocal(context: BrowserContext): Promise<void> {
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (loopbackHosts.has(url.hostname)) return route.continue();
    console.log(`blocked a request to ${url.origin} (only loopback hosts are reachable in e2e tests)`);
    return route.abort('blockedbyclient');
  });
}

// Signs in the way next-auth's client does (csrf, then the credentials callback) through the page's
// own request context, so the session cookie lands in the browser.
export async function signInThroughApi(page: Page, account: Account): Promise<void> {
  const csrf = await page.request.get('/api/auth/csrf');
  expect(csrf.ok(), `GET /api/auth/csrf: HTTP ${csrf.status()}`).toBeTruthy();
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await page.request.post('/api/auth/callback/credentials', {
    form: { email: account.email, password: account.password, csrfToken, json: 'true', callbackUrl: '/send-mms' },
  });
  expect(signIn.ok(), `POST /api/auth/callback/credentials: HTTP ${signIn.status()} ${await signIn.text()}`).toBeTruthy();
}

type Fixtures = {
  system: SystemInfo;
  simulator: Simulator;
  account: Account;
  signedInPage: Page;
};

export const test = base.extend<Fixtures>({
  system: async ({}, use) => {
    await use(readSystemInfo());
  },
  baseURL: async ({ system }, use) => {
    await use(system.origin);
  },
  context: async ({ context }, use) => {
    await keepTrafficLocal(context);
    await use(context);
  },
  simulator: async ({ system }, use) => {
    const simulator = new Simulator(system.simulatorUrl);
    await simulator.clearFaults();
    await use(simulator);
    // Faults are global to the simulator: never leave one behind for the next test.
    await simulator.clearFaults();
  },
  account: async ({ system }, use, testInfo) => {
    const account = newAccount(testInfo.titlePath[0]?.replace(/\W+/g, '').slice(0, 12) || 'user');
    await addUser(system, account);
    await use(account);
  },
  signedInPage: async ({ page, account }, use) => {
    await signInThroughApi(page, account);
    await use(page);
  },
});

export { expect };
export type { Account };
