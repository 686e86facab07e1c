import { describe, expect, it } from 'vitest';
import { resolveScope } from '../../../src/commands/index.js';
import { testConfig } from './support.js';

const config = testConfig();

describe('resolveScope', () => {
  it('maps env to cluster/namespace and app to its workload', () => {
    expect(resolveScope({ command: 'rollback', app: 'cart', env: 'prod' }, config)).toEqual({
      ok: true,
      scope: { env: 'prod', cluster: 'prod-eu', namespace: 'shop', app: 'cart', workload: { kind: 'StatefulSet', name: 'cart' } },
    });
  });

  it('resolves logs/debug targets that are apps, and leaves pod names without a workload', () => {
    expect(resolveScope({ command: 'debug', target: 'node-agent', env: 'dev' }, config)).toMatchObject({
      ok: true, scope: { app: 'node-agent', workload: { kind: 'DaemonSet', name: 'node-agent' } },
    });
    expect(resolveScope({ command: 'logs', target: 'cart-0', env: 'dev', previous: false }, config)).toEqual({
      ok: true, scope: { env: 'dev', cluster: 'local', namespace: 'shop-dev' },
    });
  });

  it('scopes node and env commands to the environment only', () => {
    expect(resolveScope({ command: 'drain', node: 'n1', env: 'prod' }, config)).toEqual({ ok: true, scope: { env: 'prod', cluster: 'prod-eu', namespace: 'shop' } });
    expect(resolveScope({ command: 'jobs', env: 'staging' }, config)).toMatchObject({ ok: true, scope: { namespace: 'shop-staging' } });
  });

  it('returns null for commands outside any environment', () => {
    expect(resolveScope({ command: 'help' }, config)).toEqual({ ok: true, scope: null });
    expect(resolveScope({ command: 'jobs' }, config)).toEqual({ ok: true, scope: null });
    expect(resolveScope({ command: 'cancel', requestId: 'R-7KQ2M9AB' }, config)).toEqual({ ok: true, scope: null });
  });

  it('fails with suggestions when the configuration no longer has the env or app', () => {
    const env = resolveScope({ command: 'status', app: 'cart', env: 'prd' }, config);
    expect(env.ok === false && env.error.suggestions).toEqual(['prod']);
    const app = resolveScope({ command: 'status', app: 'carts', env: 'prod' }, config);
    expect(app.ok === false && app.error.userMessage).toContain('unknown app "carts"');
    expect(resolveScope({ command: 'status', app: 'cart', env: 'constructor' }, config).ok).toBe(false);
  });
});
