// Two-way messaging in the browser (issue 15, acceptance 2): a reply arriving while the thread is
// open appears without a reload; the user answers with text (the simulator receives an SMS from
// the conversation's number to the contact) and with a picture (an MMS); the unread badge in the
// navigation and the count in the tab title go up with each incoming message and clear when the
// thread is read. Then the pages at phone and desktop size, light and dark.
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './support/axe';
import { test, expect } from './support/fixtures';
import { senderNumber } from './support/mmsgate';
import type { Simulator } from './support/simulator';
import { digitsOf, expectInViewport, expectNoHorizontalOverflow, goodImageUrl, routeImages, uniqueText, viewports } from './support/ui';

// A contact number of this test's own (conversations are shared by every account of the server).
function contactNumber(): string {
  return `+1415555${String(1000 + Math.floor(Math.random() * 8999)).padStart(4, '0')}`;
}

async function unreadTotal(page: Page): Promise<number> {
  const answer = await page.request.get('/api/conversations?limit=1');
  expect(answer.ok(), `GET /api/conversations: HTTP ${answer.status()}`).toBeTruthy();
  return ((await answer.json()) as { unreadTotal: number }).unreadTotal;
}

async function deliver(simulator: Simulator, origin: string, from: string, text: string, mediaCount = 0): Promise<void> {
  await simulator.deliverInbound({ from, to: senderNumber, text, mediaCount, messageUrl: `${origin}/api/plivo/inbound` });
}

function badge(page: Page) {
  return page.getByRole('navigation', { name: 'Main' }).getByTestId('unread-badge');
}

async function expectUnread(page: Page, count: number): Promise<void> {
  if (count === 0) await expect(badge(page)).toHaveCount(0);
  else await expect(badge(page)).toHaveText(new RegExp(`: ${count}$`));
  await expect(page).toHaveTitle(count === 0 ? /^(?!\()/ : new RegExp(`^\\(${count}\\) `));
}

// Opens the conversation with `contact` from the list (the first delivery creates it).
async function openConversation(page: Page, contact: string): Promise<void> {
  await page.goto('/conversations');
  const link = page.getByRole('list', { name: 'Conversations' }).getByRole('link').filter({ hasText: contact });
  await link.click();
  await expect(page.getByRole('heading', { name: `Conversation with ${contact}` })).toBeVisible();
}

test('a reply appears live, the answers go as SMS and MMS, and the unread badge counts and clears', async ({ signedInPage: page, simulator, system }) => {
  test.setTimeout(60_000);
  const contact = contactNumber();
  await routeImages(page);
  await page.goto('/send-mms');
  // Other tests' incoming messages are unread for this new account too: count from here.
  const baseline = await unreadTotal(page);
  await expectUnread(page, baseline);

  const first = uniqueText('Are you open on Sunday?');
  await deliver(simulator, system.origin, contact, first);
  await expectUnread(page, baseline + 1);
  const second = uniqueText('And is parking free?');
  await deliver(simulator, system.origin, contact, second);
  await expectUnread(page, baseline + 2);

  // In the list: the last message and its unread count.
  await page.getByRole('link', { name: /^Conversations/ }).click();
  const entry = page.getByRole('list', { name: 'Conversations' }).getByRole('link').filter({ hasText: contact });
  await expect(entry).toContainText(second);
  await expect(entry).toContainText('2 unread');

  // Opening it reads it: the badge and the title clear.
  await entry.click();
  const thread = page.getByRole('list', { name: 'Messages' });
  await expect(thread.getByText(first)).toBeVisible();
  await expect(thread.getByText(second)).toBeVisible();
  await expectUnread(page, baseline);
  await expect(entry).not.toContainText('unread');

  // A reply arriving while the thread is open shows without a reload and stays read.
  await page.evaluate(() => ((window as unknown as { e2eNoReload: boolean }).e2eNoReload = true));
  const third = uniqueText('Great, see you then');
  await deliver(simulator, system.origin, contact, third);
  await expect(thread.getByText(third)).toBeVisible();
  await expectUnread(page, baseline);

  // Answer with text: an SMS from our number to theirs, with its segment count while typing.
  const reply = page.getByLabel(`Reply to ${contact}`);
  const answer = uniqueText('Yes, 9 to 5. Parking is free');
  await reply.fill(answer);
  await expect(page.getByText(/^1 SMS segment · GSM-7/)).toBeVisible();
  await reply.press('Control+Enter');
  await expect(page.getByTestId('reply-result')).toContainText('Sent as SMS.');
  await expect(reply).toHaveValue('');
  await expect.poll(async () => (await simulator.sendsWithText(answer)).length).toBe(1);
  const [sms] = await simulator.sendsWithText(answer);
  expect(sms!.request.type).toBe('sms');
  expect(digitsOf(sms!.request.src)).toBe(digitsOf(senderNumber));
  expect(digitsOf(sms!.request.dst)).toBe(digitsOf(contact));
  const sent = thread.locator('[data-direction="out"]').filter({ hasText: answer });
  await expect(sent.getByText('Delivered', { exact: true })).toBeVisible({ timeout: 10_000 });

  // Answer with a picture: an MMS.
  const withPicture = uniqueText('Here is the map');
  await reply.fill(withPicture);
  await page.getByRole('button', { name: 'Add a picture' }).click();
  await page.getByLabel('Media URL', { exact: true }).fill(goodImageUrl);
  await page.getByRole('button', { name: 'Send MMS' }).click();
  await expect(page.getByTestId('reply-result')).toContainText('Sent as MMS.');
  await expect.poll(async () => (await simulator.sendsWithText(withPicture)).length).toBe(1);
  const [mms] = await simulator.sendsWithText(withPicture);
  expect(mms!.request.type).toBe('mms');
  expect(mms!.request.media_urls).toEqual([goodImageUrl]);
  expect(digitsOf(mms!.request.dst)).toBe(digitsOf(contact));
  await expect(thread.getByText(withPicture)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload)).toBe(true);

  // The history's message page leads back to the conversation.
  await sent.getByText('Delivered', { exact: true }).waitFor();
  await page.goto('/messages');
  await page.getByRole('row').filter({ hasText: answer }).getByRole('link').first().click();
  await page.getByRole('link', { name: `Open the conversation with ${contact}` }).click();
  await expect(page.getByRole('heading', { name: `Conversation with ${contact}` })).toBeVisible();
});

test('a received picture shows inline from mmsgate’s copy', async ({ signedInPage: page, simulator, system }) => {
  const contact = contactNumber();
  const text = uniqueText('Look at this');
  await deliver(simulator, system.origin, contact, text, 1);
  await openConversation(page, contact);
  const picture = page.getByRole('img', { name: `Picture 1 from ${contact}` });
  await expect(picture).toBeVisible({ timeout: 15_000 });
  expect(await picture.getAttribute('src')).toMatch(/^\/api\/media\//);
  expect(await picture.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
});

for (const [size, viewport] of Object.entries(viewports)) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${size} (${viewport.width}×${viewport.height}), ${colorScheme}`, () => {
      test.use({ viewport, colorScheme });

      test('the list and the thread fit, read well and work with the keyboard', async ({ signedInPage: page, simulator, system }, testInfo) => {
        const contact = contactNumber();
        await deliver(simulator, system.origin, contact, uniqueText('Layout check'));
        await page.goto('/conversations');
        const list = page.getByRole('list', { name: 'Conversations' });
        const entry = list.getByRole('link').filter({ hasText: contact });
        await expect(entry).toBeVisible();
        await expectNoHorizontalOverflow(page);
        await expectNoSeriousViolations(page, `conversations-${size}-${colorScheme}`, testInfo);

        // Keyboard: arrow keys move through the list, Enter opens, the focus is visible.
        await list.getByRole('link').first().focus();
        await page.keyboard.press('End');
        const last = list.getByRole('link').last();
        await expect(last).toBeFocused();
        expect(await last.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');
        await entry.focus();
        await page.keyboard.press('Enter');
        await expect(page.getByRole('heading', { name: `Conversation with ${contact}` })).toBeVisible();
        const reply = page.getByLabel(`Reply to ${contact}`);
        await expectInViewport(page, reply, 'the reply box');
        await expectNoHorizontalOverflow(page);
        await expectNoSeriousViolations(page, `conversation-${size}-${colorScheme}`, testInfo);

        if (size === 'phone') {
          // Two screens: the thread replaces the list, and a back link returns to it.
          await expect(list).toBeHidden();
          await page.getByRole('link', { name: '← Conversations' }).click();
          await expect(list).toBeVisible();
          await expect(page.getByRole('heading', { name: `Conversation with ${contact}` })).toHaveCount(0);
        } else {
          // Two panes: the list stays beside the thread, the open one marked.
          await expect(list).toBeVisible();
          await expect(entry).toHaveAttribute('aria-current', 'page');
          await expect(page.getByRole('link', { name: '← Conversations' })).toBeHidden();
        }
      });
    });
  }
}
