// Screenshots for the README (docs/screenshots/): the login and send pages at desktop and phone
// width in light and dark mode, a send result, the history page at desktop and phone width, and a
// conversation (desktop light, phone dark). Inputs, picture and account are fixed, and the
// times on the history page are replaced by a fixed one, so the pictures only change when the UI does.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { test, expect, keepTrafficLocal, signInThroughApi } from './support/fixtures';
import { addUser, senderNumber, type Account, type SystemInfo } from './support/mmsgate';
import { landscapePhotoJpeg } from './support/jpeg';
import { samePicture } from './support/png';
import { fillSendForm, goodImageUrl, openFilledSendForm, routeImages, sendForm } from './support/ui';

const screenshotDir = path.resolve(__dirname, '../../docs/screenshots');
const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const schemes = ['light', 'dark'] as const;

const demoAccount: Account = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical-engine-1843' };
const demoText = 'Our new shop opens on Saturday! Come by for coffee and 10% off everything.';

let demoAccountReady = false;
async function ensureDemoAccount(system: SystemInfo): Promise<void> {
  if (demoAccountReady) return;
  await addUser(system, demoAccount).catch((error: Error) => {
    // A retried run finds the account already there.
    if (!/exist/i.test(error.message)) throw error;
  });
  demoAccountReady = true;
}

async function openPage(browser: Browser, baseURL: string, size: keyof typeof sizes, colorScheme: (typeof schemes)[number]) {
  const context = await browser.newContext({
    baseURL,
    viewport: sizes[size],
    deviceScaleFactor: 1,
    colorScheme,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  await keepTrafficLocal(context);
  const page = await context.newPage();
  return { context, page };
}

// Writes the screenshot unless the file already shows the same picture: chromium's antialiasing
// varies by a level here and there between runs, and the committed files should not churn.
async function save(page: Page, name: string, fullPage = false) {
  // No hover or focus left over from the steps before.
  await page.mouse.move(0, 0);
  await page.evaluate(async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    await document.fonts.ready;
  });
  const picture = await page.screenshot({ fullPage, animations: 'disabled', caret: 'hide' });
  const file = path.join(screenshotDir, `${name}.png`);
  if (existsSync(file) && samePicture(readFileSync(file), picture)) return;
  mkdirSync(screenshotDir, { recursive: true });
  writeFileSync(file, picture);
}

for (const size of Object.keys(sizes) as (keyof typeof sizes)[]) {
  for (const colorScheme of schemes) {
    test(`login and send pages, ${size}, ${colorScheme}`, async ({ browser, baseURL, system }) => {
      await ensureDemoAccount(system);
      const { context, page } = await openPage(browser, baseURL!, size, colorScheme);
      try {
        await page.goto('/login');
        await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
        await page.getByLabel('Email').fill(demoAccount.email);
        await page.getByLabel('Email').blur();
        await save(page, `login-${size}-${colorScheme}`);

        await signInThroughApi(page, demoAccount);
        await routeImages(page);
        await page.goto('/send-mms');
        await fillSendForm(page, { to: '4155550142', text: demoText, mediaUrl: goodImageUrl });
        await expect(page.getByRole('img', { name: 'Preview of media url' })).toBeVisible();
        await expect(sendForm(page).recipient).toHaveValue('(415) 555-0142');
        await save(page, `send-${size}-${colorScheme}`, true);
      } finally {
        await context.close();
      }
    });
  }
}

// A photo from the device being attached: its preview and what fitting made of it.
for (const [size, colorScheme] of [['desktop', 'light'], ['phone', 'dark']] as const) {
  test(`upload with a preview and the fitted size, ${size}, ${colorScheme}`, async ({ browser, baseURL, system }) => {
    await ensureDemoAccount(system);
    const { context, page } = await openPage(browser, baseURL!, size, colorScheme);
    try {
      await signInThroughApi(page, demoAccount);
      await page.goto('/send-mms');
      const form = sendForm(page);
      await form.recipient.fill('4155550142');
      await form.message.fill(demoText);
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: /Add pictures from this device/ }).click();
      await (await chooser).setFiles({ name: 'shop-front.jpg', mimeType: 'image/jpeg', buffer: landscapePhotoJpeg() });
      await expect(page.getByTestId('fitted-size')).toHaveText(/ → .*, resized to /, { timeout: 60_000 });
      const preview = page.getByRole('img', { name: 'Preview of shop-front.jpg' });
      await expect(preview).toBeVisible();
      await expect.poll(() => preview.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
      await save(page, `upload-${size}-${colorScheme}`, true);
    } finally {
      await context.close();
    }
  });
}

test('history page, desktop, light', async ({ browser, baseURL, system, simulator }) => {
  // An account of its own, so the table holds exactly these messages.
  const account: Account = { name: 'Grace Hopper', email: 'grace@example.com', password: 'compiler-a-0-1952' };
  await addUser(system, account).catch((error: Error) => {
    if (!/exist/i.test(error.message)) throw error;
  });
  const { context, page } = await openPage(browser, baseURL!, 'desktop', 'light');
  try {
    await signInThroughApi(page, account);
    const messages = [
      { to: '4155550161', text: 'Your table for two is ready. See you at 7!', outcome: 'delivered' as const },
      { to: '4155550162', text: 'Reminder: dentist appointment tomorrow at 9:30.', outcome: 'undelivered' as const },
      { to: '6135550163', text: 'Here is the floor plan we talked about.', outcome: 'delivered' as const },
    ];
    for (const message of messages) {
      await simulator.setFaults(message.outcome === 'undelivered' ? { outcome: 'undelivered', error_code: 30 } : {});
      const form = await openFilledSendForm(page, { to: message.to, text: message.text });
      await form.sendButton.click();
      await expect(form.result).toContainText('Message sent.');
    }
    // The last send's result, in view above the emptied form.
    await save(page, 'send-result-desktop-light');
    await simulator.clearFaults();
    await page.goto('/messages');
    await expect(page.getByText('Live updates on')).toBeVisible();
    for (const message of messages) {
      const row = page.getByRole('row').filter({ hasText: message.text });
      await expect(row.getByText(message.outcome === 'delivered' ? 'Delivered' : 'Undelivered', { exact: true })).toBeVisible({ timeout: 10_000 });
    }
    // Times change every run: show a fixed one.
    await page.evaluate(() => {
      for (const time of document.querySelectorAll('time')) time.textContent = 'Nov 25, 2026, 9:41 AM';
    });
    await save(page, 'messages-desktop-light');
    // The same history on a phone: cards with state, time and cost, the filters folded.
    await page.setViewportSize(sizes.phone);
    await expect(page.getByRole('list', { name: 'Messages' })).toBeVisible();
    await page.evaluate(() => {
      for (const time of document.querySelectorAll('time')) time.textContent = 'Nov 25, 2026, 9:41 AM';
    });
    await save(page, 'messages-phone-light');
  } finally {
    await context.close();
  }
});

test('conversation, desktop light and phone dark', async ({ browser, baseURL, system, simulator }) => {
  test.setTimeout(60_000);
  await ensureDemoAccount(system);
  const contact = '+14155550188';
  const messageUrl = `${baseURL}/api/plivo/inbound`;
  // The conversation starts with a question from the customer; the demo user answers it.
  await simulator.deliverInbound({ from: contact, to: senderNumber, text: 'Hi! Is the shop open on Sunday too?', messageUrl });
  const { context, page } = await openPage(browser, baseURL!, 'desktop', 'light');
  try {
    await signInThroughApi(page, demoAccount);
    await page.goto('/conversations');
    await page.getByRole('list', { name: 'Conversations' }).getByRole('link').filter({ hasText: contact }).first().click();
    const reply = page.getByLabel(`Reply to ${contact}`);
    await reply.fill('Yes, from 10 to 4. See you there!');
    await reply.press('Control+Enter');
    await expect(page.getByTestId('reply-result')).toContainText('Sent as SMS.');
    const thread = page.getByRole('list', { name: 'Messages' });
    await expect(thread.getByText('Delivered', { exact: true }).last()).toBeVisible({ timeout: 10_000 });
    await simulator.deliverInbound({ from: contact, to: senderNumber, text: 'Perfect, thank you!', messageUrl });
    await expect(thread.getByText('Perfect, thank you!').last()).toBeVisible();
    // The counter as the next answer is typed (€ takes two GSM-7 septets). No emoji: the test browser has no emoji font.
    await reply.fill('You are welcome! Coffee is 2 € on Sunday.');
    const fixTimes = () =>
      page.evaluate(() => {
        for (const time of document.querySelectorAll('time')) time.textContent = 'Nov 25, 2026, 9:41 AM';
      });
    await fixTimes();
    await save(page, 'conversation-desktop-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize(sizes.phone);
    await expect(page.getByRole('link', { name: '← Conversations' })).toBeVisible();
    await fixTimes();
    await save(page, 'conversation-phone-dark');
  } finally {
    await context.close();
  }
});

// The admin pages. The shared test server holds every spec's accounts and audit entries, so the
// pictures show a fixed team: the browser gets these answers for the two lists (the pages and the
// invite itself are real).
const fixedUsers = [
  { id: 'u1', email: 'ada@example.com', name: 'Ada Lovelace', role: 'admin', disabled: false, lastSignInAt: '2026-11-25T09:41:00Z', lastSignInAddress: '203.0.113.7', isYou: true },
  { id: 'u2', email: 'charles@example.com', name: 'Charles Babbage', role: 'sender', disabled: false, lastSignInAt: '2026-11-24T16:02:00Z', lastSignInAddress: '198.51.100.23', isYou: false },
  { id: 'u3', email: 'mary@example.com', name: 'Mary Somerville', role: 'viewer', disabled: true, lastSignInAt: null, lastSignInAddress: null, isYou: false },
];
const fixedAudit = [
  { action: 'sign_in.succeeded', outcome: 'success', actorLabel: 'charles@example.com', targetType: 'user', targetId: 'u2', clientAddress: '198.51.100.23', detail: {} },
  { action: 'user.created', outcome: 'success', actorLabel: 'charles@example.com', targetType: 'user', targetId: 'u2', clientAddress: '198.51.100.23', detail: { via: 'invite', role: 'sender' } },
  { action: 'user.invited', outcome: 'success', actorLabel: 'ada@example.com', targetType: 'invite', targetId: 'i1', clientAddress: '203.0.113.7', detail: { email: 'charles@example.com', role: 'sender' } },
  { action: 'sign_in.failed', outcome: 'failure', actorLabel: 'mary@example.com', targetType: 'user', targetId: '', clientAddress: '192.0.2.44', detail: {} },
  { action: 'user.disabled', outcome: 'success', actorLabel: 'ada@example.com', targetType: 'user', targetId: 'u3', clientAddress: '203.0.113.7', detail: { email: 'mary@example.com' } },
].map((entry, index) => ({ id: `a${index}`, occurredAt: '2026-11-25T09:41:00Z', actorId: null, ...entry }));

test('admin pages, desktop light and phone dark', async ({ browser, baseURL, system }) => {
  const admin: Account = { name: 'Ada Admin', email: 'ada.admin@example.com', password: 'difference-engine-1822' };
  await addUser(system, admin, { admin: true }).catch((error: Error) => {
    if (!/exist/i.test(error.message)) throw error;
  });
  const { context, page } = await openPage(browser, baseURL!, 'desktop', 'light');
  try {
    await signInThroughApi(page, admin);
    await page.route('**/api/users', (route) => route.fulfill({ json: { users: fixedUsers } }));
    await page.route('**/api/audit?*', (route) => route.fulfill({ json: { entries: fixedAudit, nextCursor: null } }));
    await page.goto('/settings/users');
    await expect(page.getByText('charles@example.com', { exact: true })).toBeVisible();
    await page.getByLabel('E-mail address').fill('emmy@example.com');
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const link = page.getByTestId('one-time-link');
    await expect(link).toBeVisible();
    await page.evaluate(() => {
      const shown = document.querySelector('[data-testid="one-time-link"]');
      if (shown) shown.textContent = 'https://mmsgate.example.com/invite/Xq3v9Lr0TzWkA1bC7dE5fG2hJ4kL6mN8pQsRuVwYz0a';
      for (const paragraph of document.querySelectorAll('p')) {
        if (paragraph.textContent?.startsWith('Valid until')) paragraph.textContent = 'Valid until Nov 27, 2026, 9:41 AM, once.';
        if (paragraph.textContent?.startsWith('Last sign-in: ') && !paragraph.textContent.endsWith('never'))
          paragraph.textContent = paragraph.textContent.replace(/Last sign-in: .*? from/, 'Last sign-in: Nov 25, 2026, 9:41 AM from');
      }
    });
    await save(page, 'settings-users-desktop-light', true);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize(sizes.phone);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByText('user.invited')).toBeVisible();
    await page.evaluate(() => {
      for (const time of document.querySelectorAll('time')) time.textContent = 'Nov 25, 2026, 9:41 AM';
    });
    await save(page, 'settings-audit-phone-dark');
  } finally {
    await context.close();
  }
});
