// What the specs do on mmsgate's pages, in the words a person sees on them.
import { randomBytes } from 'node:crypto';
import { expect, type Locator, type Page } from '@playwright/test';
import { landscapePng } from './png';

// Media hosts that exist only inside the test browser (see routeImages).
export const imageHost = 'https://images.example.test';
export const goodImageUrl = `${imageHost}/landscape.png`;
export const brokenImageUrl = `${imageHost}/missing.png`;

// Serves goodImageUrl from memory and fails every other URL on the made-up host. mmsgate cannot
// reach that host (it exists only in the browser), so its link check (POST /api/media/preflight)
// is answered here for it, as mmsgate answers for a public image of that size.
export async function routeImages(page: Page): Promise<void> {
  const png = landscapePng();
  await page.route(`${imageHost}/**`, (route) => {
    if (route.request().url() === goodImageUrl) return route.fulfill({ status: 200, contentType: 'image/png', body: png });
    return route.abort('failed');
  });
  await page.route('**/api/media/preflight', (route) => {
    const url = String((route.request().postDataJSON() as { url?: unknown } | null)?.url ?? '');
    if (!url.startsWith(`${imageHost}/`)) return route.continue();
    const found = url === goodImageUrl;
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify(
        found
          ? { verdict: 'ok', reason: '', status: 200, content_type: 'image/png', content_length: png.length, image: true }
          : { verdict: 'refused', reason: 'the server answered 404 Not Found', status: 404, content_type: '', content_length: null, image: false },
      ),
    });
  });
}

// A text no other test sends, to find this test's messages in the simulator's record.
export function uniqueText(purpose: string): string {
  return `${purpose} ${randomBytes(4).toString('hex')}`;
}

export function sendForm(page: Page) {
  return {
    heading: page.getByRole('heading', { name: 'Send an MMS' }),
    recipient: page.getByLabel('Recipient', { exact: true }),
    message: page.getByLabel('Message', { exact: true }),
    mediaUrl: page.getByLabel('Media URL', { exact: true }),
    sendButton: page.getByRole('button', { name: /^(Send MMS|Sending…)$/ }),
    result: page.getByTestId('send-result'),
  };
}

export async function fillSendForm(page: Page, values: { to: string; text: string; mediaUrl: string }): Promise<void> {
  const form = sendForm(page);
  await form.recipient.fill(values.to);
  await form.message.fill(values.text);
  await form.mediaUrl.fill(values.mediaUrl);
  await form.mediaUrl.blur();
  // The preview appears after a short pause and pushes the Send button down: wait for it, so clicks
  // land where the button ends up.
  if (values.mediaUrl === goodImageUrl) {
    await expect(page.getByRole('img', { name: 'Preview of media url' })).toBeVisible();
    await expect(page.getByTestId('link-verdict')).toBeVisible();
  }
}

// Opens /send-mms with the made-up image host answered and the form filled in.
export async function openFilledSendForm(page: Page, values: { to: string; text: string; mediaUrl?: string }) {
  await routeImages(page);
  await page.goto('/send-mms');
  await fillSendForm(page, { mediaUrl: goodImageUrl, ...values });
  return sendForm(page);
}

// The error is shown, belongs to the field (it is part of the field's accessible description and the
// field is marked invalid) and sits just below it.
export async function expectErrorNextTo(page: Page, field: Locator, text: string | RegExp): Promise<void> {
  const error = page.getByText(text);
  await expect(error).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(typeof text === 'string' ? new RegExp(escapeRegExp(text)) : text);
  const fieldBox = await field.boundingBox();
  const errorBox = await error.boundingBox();
  expect(fieldBox && errorBox, 'field and error are laid out').toBeTruthy();
  if (fieldBox && errorBox) {
    const gap = errorBox.y - (fieldBox.y + fieldBox.height);
    expect(gap, 'the error starts just below its field').toBeGreaterThanOrEqual(0);
    expect(gap, 'the error starts just below its field').toBeLessThan(120);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Plivo accepts "+1…" and "1…"; compare numbers without the plus.
export function digitsOf(number: unknown): string {
  return String(number ?? '').replace(/\D/g, '');
}

// The element is laid out inside the visible part of the page (not below the fold, not cut off sideways).
export async function expectInViewport(page: Page, element: Locator, what = 'the element'): Promise<void> {
  await expect(element).toBeVisible();
  const box = await element.boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport, `${what} is laid out`).toBeTruthy();
  if (!box || !viewport) return;
  expect(box.y, `${what} starts inside the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what} starts inside the viewport`).toBeLessThan(viewport.height);
  expect(box.x, `${what} is not cut off on the left`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what} is not cut off on the right`).toBeLessThanOrEqual(viewport.width);
}

// The page does not scroll sideways.
export async function expectNoHorizontalOverflow(page: Page, where = page.url()): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `no horizontal overflow on ${where}`).toBeLessThanOrEqual(innerWidth);
}

// The message id a result or history link points to.
export async function messageIdOf(link: Locator): Promise<string> {
  const href = await link.getAttribute('href');
  const id = /\/messages\/([^/?#]+)/.exec(href ?? '')?.[1];
  expect(id, `a message link (${href})`).toBeTruthy();
  return decodeURIComponent(id!);
}

export const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
