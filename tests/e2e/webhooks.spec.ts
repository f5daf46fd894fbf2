// The admin's webhooks page at phone and desktop widths: add an endpoint (its secret shown once),
// see the delivery log fill as messages change state, replay a delivery, disable and enable.
import { test, expect, signInThroughApi } from './support/fixtures';
import { addUser, newAccount } from './support/mmsgate';

for (const width of [390, 1280]) {
  test(`an admin manages a webhook endpoint at ${width} px`, async ({ page, system }) => {
    await page.setViewportSize({ width, height: 900 });
    const admin = newAccount('hookadmin');
    await addUser(system, admin, { admin: true });
    await signInThroughApi(page, admin);

    await page.goto('/settings/webhooks');
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    // Nothing listens on the discard port: every attempt fails, which the log must show.
    const url = `http://127.0.0.1:9/hook-${width}`;
    await page.getByLabel('URL').fill(url);
    await page.getByLabel(/Allow a private address/).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = page.getByTestId('webhook-secret');
    await expect(secret).toHaveText(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const card = page.locator('section', { hasText: url }).last();
    await expect(card.getByText('Enabled', { exact: true })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    const sent = await page.request.post('/api/send-mms', { data: { to: '+14155550126', text: `webhook page ${width}`, mediaUrl: 'https://media.example.com/cat.jpg' } });
    expect([200, 202]).toContain(sent.status());
    await card.getByRole('button', { name: 'Show deliveries' }).click();
    const rows = card.getByRole('listitem');
    await expect(async () => {
      await card.getByRole('button', { name: 'Refresh' }).click();
      await expect(rows.first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(rows.first()).toContainText('message.state_changed');
    await expect(rows.first()).toContainText('no answer');
    await rows.first().getByRole('button', { name: /^Replay / }).click();
    await expect(card.getByText(/will be sent again with the same webhook-id/)).toBeVisible();

    await card.getByRole('button', { name: 'Disable' }).click();
    await expect(card.getByText('Disabled', { exact: true })).toBeVisible();
    await card.getByRole('button', { name: 'Enable' }).click();
    await expect(card.getByText('Enabled', { exact: true })).toBeVisible();

    // The secret is never shown again.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await expect(page.getByText(url)).toBeVisible();
    await expect(page.getByTestId('webhook-secret')).toHaveCount(0);

    // Leave nothing subscribed for the other specs on this shared server.
    const listed = (await (await page.request.get('/api/webhooks')).json()) as { endpoints: { id: string; url: string }[] };
    for (const endpoint of listed.endpoints.filter((item) => item.url === url)) {
      expect((await page.request.delete(`/api/webhooks/${endpoint.id}`)).status()).toBe(204);
    }
  });
}
