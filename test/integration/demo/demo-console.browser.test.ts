import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTools } from '../../../scripts/tools.js';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../../support/harness.js';
import { freePortPair, startDemo, type DemoProcess } from './demo-process.js';

const run = promisify(execFile);

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

/** The image of prod's api-service, read with the real kubectl through the demo's kubeconfig. */
async function prodImage(kubeconfig: string): Promise<string> {
  const { kubectl } = await ensureTools();
  const { stdout } = await run(kubectl, [
    '--kubeconfig', kubeconfig, '--context', 'prod', '-n', 'shop',
    'get', 'deploy', 'api-service', '-o', 'jsonpath={.spec.template.spec.containers[0].image}',
  ], { timeout: 30_000 });
  return stdout.trim();
}

describe('shipmate demo, driven through its web console in a real browser', () => {
  const prefix = uniquePrefix('demo-console');
  let demo: DemoProcess;
  let browser: Browser;

  beforeAll(async () => {
    demo = await startDemo({ port: await freePortPair(), redisPrefix: prefix });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    if (demo) await demo.stop();
    await deleteKeys(REDIS_URL, prefix);
  });

  it('rolls api-service back in prod: request as the requester, approve as the approver, watch it succeed', async () => {
    expect(await prodImage(demo.kubeconfigPath)).toMatch(/:v1\.4\.2$/);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(demo.consoleUrl);

    await page.getByTestId('role-requester').click();
    await page.getByTestId('command-input').fill('/k8s rollback api-service prod');
    await page.getByTestId('command-send').click();

    // The card names the request and shows the plan (v1.4.2 → v1.4.1) while it waits.
    const card = page.getByTestId('message').filter({ hasText: /R-[0-9A-Z]{6,}/ }).filter({ hasText: 'rollback' });
    await card.filter({ hasText: /Awaiting approval/i }).waitFor({ timeout: 30_000 });
    const awaiting = (await card.textContent()) ?? '';
    expect(awaiting).toMatch(/v1\.4\.2/);
    expect(awaiting).toMatch(/v1\.4\.1/);
    await mkdir('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/demo-awaiting-approval.png' });
    expect(await prodImage(demo.kubeconfigPath)).toMatch(/:v1\.4\.2$/); // nothing changes before approval

    await page.getByTestId('role-approver').click();
    await card.getByTestId('button-Approve').click();
    await card.filter({ hasText: 'Succeeded' }).waitFor({ timeout: 45_000 });
    await expect.poll(() => card.getByTestId('button-Approve').count()).toBe(0);

    // The thread tells the story of the job.
    await card.getByTestId('thread-toggle').click();
    await card.getByTestId('thread').waitFor();
    await card.getByTestId('thread').getByText(/successfully rolled out/).waitFor();
    await page.screenshot({ path: 'test-artifacts/demo-succeeded.png' });
    await page.close();

    expect(await prodImage(demo.kubeconfigPath)).toMatch(/:v1\.4\.1$/);
  });

  it('stops cleanly on SIGTERM', async () => {
    const code = await demo.stop();
    expect(code).toBe(0);
  });
});
