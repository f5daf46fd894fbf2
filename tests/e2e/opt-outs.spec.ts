// Opt-outs in the browser (issue 16, acceptance 5): the send page and the conversation composer warn
// as soon as a typed number is on the suppression list; the admin page lists entries, ends one with
// a written reason (after a confirmation) and exports the list as CSV. At phone and desktop widths.
import { readFile } from 'node:fs/promises';
import { test, expect, signInThroughApi } from './support/fixtures';
import { addUser, newAccount, senderNumber } from './support/mmsgate';
import { expectNoHorizontalOverflow, viewports } from './support/ui';

// A contact number of this test's own (the list is shared by every account of the server).
function contactNumber(): string {
  return `+1415556${String(1000 + Math.floor(Math.random() * 8999)).padStart(4, '0')}`;
}

for (const [name, size] of Object.entries(viewports)) {
  test(`the send page and the composer warn about a number that replied STOP (${name})`, async ({ signedInPage: page, simulator, system }) => {
    await page.setViewportSize(size);
    const contact = contactNumber();
    await simulator.deliverInbound({ from: contact, to: senderNumber, text: 'STOP', messageUrl: `${system.origin}/api/plivo/inbound` });
    await expect(async () => {
      const check = (await (await page.request.get(`/api/suppressions/check?number=${encodeURIComponent(contact)}`)).json()) as { suppressed: boolean };
      expect(check.suppressed).toBe(true);
    }).toPass({ timeout: 15_000 });

    await page.goto('/send-mms');
    await page.getByLabel('Recipient', { exact: true }).fill(contact.slice(2));
    const warning = page.getByTestId('suppression-warning');
    await expect(warning).toContainText('opted out');
    await expect(warning).toContainText('Replied STOP');
    await expectNoHorizontalOverflow(page);
    // Another number: the warning goes away.
    await page.getByLabel('Recipient', { exact: true }).fill('4155550100');
    await expect(warning).toHaveCount(0);

    await page.goto('/conversations');
    await page.getByRole('list', { name: 'Conversations' }).getByRole('link').filter({ hasText: contact }).click();
    await expect(page.getByRole('heading', { name: `Conversation with ${contact}` })).toBeVisible();
    await expect(page.getByTestId('suppression-warning')).toContainText('opted out');
    // The confirmation it was sent is in the thread, marked automatic.
    await expect(page.getByText('Automatic').first()).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });

  test(`an admin lists, ends with a reason and exports opt-outs (${name})`, async ({ page, system }) => {
    await page.setViewportSize(size);
    const admin = newAccount('optoutadmin');
    await addUser(system, admin, { admin: true });
    await signInThroughApi(page, admin);
    const contact = contactNumber();
    const added = await page.request.post('/api/suppressions', { data: { number: contact, note: 'asked on the phone' } });
    expect(added.status()).toBe(201);

    await page.goto('/settings/suppressions');
    await expect(page.getByRole('heading', { name: 'Opt-outs', level: 1 })).toBeVisible();
    await page.getByLabel('Search').fill(contact.slice(-7));
    const row = page.getByTestId('suppression-row').filter({ hasText: contact });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('asked on the phone');
    await expectNoHorizontalOverflow(page);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    expect(csv).toContain(`"${contact}"`);

    await row.getByRole('button', { name: `End the opt-out of ${contact}` }).click();
    const confirm = page.getByRole('form', { name: `End the opt-out of ${contact}` });
    await expect(confirm.getByRole('button', { name: 'End opt-out' })).toBeDisabled();
    await confirm.getByLabel('Reason').fill('Customer texted START by e-mail');
    await confirm.getByRole('button', { name: 'End opt-out' }).click();
    await expect(page.getByText(`The opt-out of ${contact} ended.`)).toBeVisible();
    await expect(page.getByTestId('suppression-row').filter({ hasText: contact })).toHaveCount(0);

    await page.getByLabel('Show').selectOption('ended');
    const ended = page.getByTestId('suppression-row').filter({ hasText: contact });
    await expect(ended).toContainText('Customer texted START by e-mail');
  });
}
