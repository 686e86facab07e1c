import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSims, REDIS_URL, type Sims } from '../../support/harness.js';
import { freePort } from '../../support/free-port.js';

const CONFIG = `clusters:
  prod: { context: prod }
  ghost: { context: no-such-context }
  local: { inCluster: true }
environments:
  prod: { cluster: prod, namespace: shop, policy: open }
  ghost: { cluster: ghost, namespace: shop, policy: open }
  local: { cluster: local, namespace: shop, policy: open }
policies:
  open: { run: ["*"], approvals: 0 }
`;

interface Run {
  code: number | null;
  stderr: string;
  /** Whether /readyz answered while the process ran. */
  served: boolean;
}

/**
 * `shipmate start` as its own process, as an operator runs it. Watched until it exits or /readyz
 * answers 200 (then it is killed: `code` is null); a process that does neither within the generous
 * `timeoutMs` is killed too.
 */
async function shipmateStart(env: Record<string, string>, port: number, timeoutMs = 45_000): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
    // A minimal environment: no KUBERNETES_SERVICE_HOST, so this process is not in a pod.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let served = false;
  const deadline = Date.now() + timeoutMs;
  while (child.exitCode === null && !served && Date.now() < deadline) {
    served ||= await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
    await new Promise((r) => setTimeout(r, 200));
  }
  if (child.exitCode === null) child.kill('SIGKILL');
  return { code: await exited, stderr, served };
}

describe('shipmate start stops on configuration it cannot use, listing every problem', () => {
  let sims: Sims;
  beforeAll(async () => {
    sims = await startSims({ mode: 'http', name: 'startup', configYaml: CONFIG });
  });
  afterAll(async () => sims?.stop());

  it('an unknown kubeconfig context, inCluster outside a pod and a token auth.test refuses → exit 1, all three named', async () => {
    const run = await shipmateStart({ ...sims.processEnv, SLACK_BOT_TOKEN: 'xoxb-revoked', REDIS_URL, SHIPMATE_REDIS_PREFIX: sims.prefix }, await freePort());
    expect(run.served).toBe(false);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/clusters\.ghost: .*no context "no-such-context"/);
    expect(run.stderr).toMatch(/clusters\.local: .*not running in a pod/);
    expect(run.stderr).toMatch(/SLACK_BOT_TOKEN: .*auth\.test.*invalid_auth/);
  });

  it('in Socket Mode, an app token Slack refuses is named too', async () => {
    const { SLACK_SIGNING_SECRET: _unused, ...env } = sims.processEnv;
    const run = await shipmateStart({ ...env, SLACK_APP_TOKEN: 'xapp-revoked', REDIS_URL, SHIPMATE_REDIS_PREFIX: sims.prefix }, await freePort());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/SLACK_APP_TOKEN: .*apps\.connections\.open.*invalid_auth/);
    expect(run.stderr).not.toMatch(/SLACK_BOT_TOKEN/);
  });

  it('with the same clusters fixed and the right token it starts and is ready', async () => {
    const fixed = CONFIG.replace('{ context: no-such-context }', '{ context: dev }').replace('{ inCluster: true }', '{ context: dev }');
    const path = `${sims.configPath}.fixed.yaml`;
    await writeFile(path, fixed);
    const run = await shipmateStart({ ...sims.processEnv, SHIPMATE_CONFIG: path, REDIS_URL, SHIPMATE_REDIS_PREFIX: sims.prefix }, await freePort());
    expect(run.stderr).not.toMatch(/cannot start/);
    expect(run.served).toBe(true);
    expect(run.code).toBeNull(); // still running until killed
  });
});
