// The console in a real browser against the lab: set up the admin, sign in, add a lab host with its key,
// accept its host key, and see its containers on the fleet page (screenshots under test-output/screenshots/).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, type TestBrowser } from '../helpers/browser';
import { startConsole, type ConsoleServer } from '../helpers/console-server';
import { labStatus, type LabStatus } from '../helpers/lab';
import { ConsoleClient } from '../integration/web/console-client';

const ADMIN = { username: 'admin', password: 'browser-test-pw-1' };

let server: ConsoleServer;
let browser: TestBrowser;
let page: Page;
let lab: LabStatus;

beforeAll(async () => {
  lab = await labStatus();
  // A short SSH deadline so the black-holed host shows as unreachable quickly.
  server = await startConsole({
    env: { CONSOLE_SSH_CONNECT_TIMEOUT_MS: '3000', CONSOLE_REMOTE_TIMEOUT_MS: '5000' },
  });
  browser = await launchBrowser({ locale: 'en-US' });
  page = browser.page;
  // Accepting a host key asks for confirmation; the test confirms like an admin who compared the fingerprint.
  page.on('dialog', (d) => void d.accept());
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function fillHost(p: Page, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values))
    await p.fill(`[data-testid="host-form"] [name="${name}"]`, value);
}

describe('fleet console in Chromium', () => {
  it('first visit goes to setup; the admin is created and signed in', async () => {
    await page.goto(server.url + '/');
    await page.waitForURL(/\/setup$/);
    await screenshot(page, 'setup');
    await page.fill('[name="username"]', ADMIN.username);
    await page.fill('[name="password"]', ADMIN.password);
    await page.fill('[name="password2"]', ADMIN.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(server.url + '/');
    await expect.poll(() => page.textContent('[data-testid="current-user"]')).toContain('admin');
  });

  it('sign-out, a wrong password is shown as such, then sign-in', async () => {
    await page.click('[data-testid="sign-out"]');
    await page.waitForURL(/\/login$/);
    await page.fill('[name="username"]', ADMIN.username);
    await page.fill('[name="password"]', 'not-the-password');
    await page.click('button[type="submit"]');
    await expect
      .poll(() => page.textContent('[data-testid="form-error"]'))
      .toContain('Wrong user name or password');
    await screenshot(page, 'login-error');
    await page.fill('[name="password"]', ADMIN.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(server.url + '/');
    await page.waitForSelector('text=No hosts yet.');
  });

  it('adds a lab host with its pasted key (bad input first: the field says what is wrong)', async () => {
    const h = lab.hosts[0]!;
    await page.click('[data-testid="nav-hosts"]');
    await page.waitForURL(/\/hosts$/);
    await page.click('[data-testid="add-host"]');
    await fillHost(page, {
      name: `lab-${h.name}`,
      address: h.address,
      port: '70000',
      user: h.user,
      dockerSocket: h.dockerSocket,
      groups: 'lab, gpu',
    });
    await page.fill('[name="privateKey"]', fs.readFileSync(h.keyFile, 'utf8'));
    await page.click('[data-testid="save-host"]');
    await expect.poll(() => page.textContent('[data-testid="error-port"]')).toMatch(/65535/);
    await screenshot(page, 'hosts-invalid-port');
    await fillHost(page, { port: String(h.port) });
    await page.click('[data-testid="save-host"]');
    await page.waitForSelector(`[data-testid="host-row"][data-host="lab-${h.name}"]`);
    // A black-holed address (the lab's sink): it must not hold up the lab host on the fleet page.
    await page.click('[data-testid="add-host"]');
    await fillHost(page, {
      name: 'blackholed',
      address: lab.sink.address,
      port: String(lab.sink.port),
      user: 'root',
    });
    await page.check('[data-testid="key-mode-generate"]');
    await page.click('[data-testid="save-host"]');
    await page.waitForSelector('[data-testid="public-key"]');
    expect(await page.textContent('[data-testid="public-key"]')).toMatch(/^ssh-ed25519 /);
    expect(await page.content()).not.toContain('PRIVATE KEY');
    await screenshot(page, 'hosts');
  });

  it('shows the unconfirmed host key with its fingerprint; accepting it shows the containers', async () => {
    const h = lab.hosts[0]!;
    await page.click('[data-testid="nav-fleet"]');
    const header = (status: string) =>
      page.locator(`[data-host="lab-${h.name}"][data-status="${status}"]`);
    const card = page
      .getByTestId('host-card')
      .filter({ has: page.locator(`[data-host="lab-${h.name}"]`) });
    await header('unconfirmed').waitFor({ timeout: 30_000 });
    expect((await card.getByTestId('seen-fingerprint').textContent())?.trim()).toBe(h.fingerprint);
    await screenshot(page, 'fleet-unconfirmed');
    await card.getByTestId('accept-host-key').click();
    await header('reachable').waitFor({ timeout: 30_000 });
    for (const c of h.containers) {
      await card
        .locator(`[data-testid="container-row"][data-container="${c.name}"]`)
        .waitFor({ timeout: 30_000 });
    }
    await page
      .locator('[data-host="blackholed"][data-status="unreachable"]')
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'fleet');
    // The fleet batch is one click away on the fleet page too (closed until opened), with the containers to pick.
    const batch = page.getByTestId('fleet-batch');
    expect(await batch.getByTestId('batch-start').isVisible()).toBe(false);
    await batch.locator('summary').click();
    await batch.getByTestId(`batch-pick-${h.containers[0]!.name}`).waitFor({ timeout: 30_000 });
    expect(await batch.getByTestId('batch-start').isVisible()).toBe(true);
    await batch.locator('summary').click();
  });

  it('a host key that no longer matches the pin is refused with both fingerprints; the admin re-pins', async () => {
    const h = lab.hosts[0]!;
    // Stands in for a changed host key without touching the lab: pin a key the host does not have,
    // through the same server action the UI uses, with the browser's own session.
    const api = new ConsoleClient(server.url);
    const session = (await browser.context.cookies(server.url)).find(
      (c) => c.name === 'dhc_session',
    );
    api.setCookie('dhc_session', session?.value ?? '');
    const hosts = (await api.get('/api/hosts')).json<{ hosts: { id: string; name: string }[] }>()
      .hosts;
    const id = hosts.find((x) => x.name === `lab-${h.name}`)?.id;
    const wrong = 'SHA256:' + 'A'.repeat(43);
    const pinned = await api.action('app/actions/trust-host-key.ts', 'trustHostKey', [
      { id, fingerprint: wrong },
    ]);
    expect(pinned.reply).toMatchObject({ ok: true });

    const card = page
      .getByTestId('host-card')
      .filter({ has: page.locator(`[data-host="lab-${h.name}"]`) });
    await page
      .locator(`[data-host="lab-${h.name}"][data-status="mismatch"]`)
      .waitFor({ timeout: 30_000 });
    expect(await card.getByTestId('pinned-fingerprint').textContent()).toBe(wrong);
    expect(await card.getByTestId('seen-fingerprint').textContent()).toBe(h.fingerprint);
    expect(await card.getByTestId('host-error').textContent()).toContain(h.fingerprint);
    await screenshot(page, 'fleet-mismatch');
    await card.getByTestId('accept-host-key').click();
    await page
      .locator(`[data-host="lab-${h.name}"][data-status="reachable"]`)
      .waitFor({ timeout: 30_000 });
  });

  it('edits a host keeping its stored key: the fleet shows the change and the host stays reachable', async () => {
    const h = lab.hosts[0]!;
    await page.click('[data-testid="nav-hosts"]');
    await page
      .locator(`[data-testid="host-row"][data-host="lab-${h.name}"]`)
      .getByTestId('edit-host')
      .click();
    expect(await page.isChecked('[data-testid="key-mode-keep"]')).toBe(true);
    await fillHost(page, { groups: 'lab, gpu, beijing' });
    await page.click('[data-testid="save-host"]');
    await expect
      .poll(() => page.textContent('[data-testid="hosts-message"]'))
      .toContain(`lab-${h.name}`);
    await page.click('[data-testid="nav-fleet"]');
    const card = page
      .getByTestId('host-card')
      .filter({ has: page.locator(`[data-host="lab-${h.name}"]`) });
    await card.getByText('beijing', { exact: true }).waitFor();
    await page
      .locator(`[data-host="lab-${h.name}"][data-status="reachable"]`)
      .waitFor({ timeout: 30_000 });
  });

  it('switches the whole UI to Chinese and back', async () => {
    await page.click('[data-testid="locale-zh-CN"]');
    await expect.poll(() => page.textContent('[data-testid="nav-fleet"]')).toBe('集群');
    await page.locator('[data-status="reachable"]').first().waitFor();
    await screenshot(page, 'fleet-zh-CN');
    await page.click('[data-testid="locale-en"]');
    await expect.poll(() => page.textContent('[data-testid="nav-fleet"]')).toBe('Fleet');
  });
});
