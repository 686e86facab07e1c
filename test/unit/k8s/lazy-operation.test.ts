import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { isMutating } from '../../../src/commands/registry.js';
import { ShipmateError } from '../../../src/core/errors.js';
import type { Invocation } from '../../../src/core/invocation.js';
import { registryOf, type OperationContext, type OperationRegistry } from '../../../src/core/operation.js';
import { createClusterRegistry } from '../../../src/k8s/client/cluster-registry.js';
import { createSanitizer } from '../../../src/k8s/objects/sanitize.js';
import { createGitChangeOperations } from '../../../src/k8s/operations/create-git-change-operations.js';
import { createGitOpsOperations } from '../../../src/k8s/operations/create-gitops-operations.js';
import { createOperations } from '../../../src/k8s/operations/create-operations.js';
import { gitChangeOperation } from '../../../src/k8s/operations/gitops-change-operation.js';
import { diffOperation } from '../../../src/k8s/operations/gitops-diff-operation.js';
import type { GitChangeDeps } from '../../../src/k8s/operations/gitops-git-deps.js';
import { gitPromoteSpec } from '../../../src/k8s/operations/gitops-promote-operation.js';
import { gitRevertSpec } from '../../../src/k8s/operations/gitops-revert-operation.js';
import { gitUpgradeSpec } from '../../../src/k8s/operations/gitops-upgrade-operation.js';
import { suspendResumeOperation } from '../../../src/k8s/operations/gitops-suspend-operation.js';
import { syncOperation } from '../../../src/k8s/operations/gitops-sync-operation.js';
import { loadOnce } from '../../../src/k8s/operations/lazy-operation.js';
import { DEFAULT_TIMING, type OperationBody } from '../../../src/k8s/operations/operation-deps.js';
import { ownerDepsOf } from '../../../src/k8s/operations/owned-commands.js';
import { preflightOperation } from '../../../src/k8s/operations/preflight-operation.js';

describe('loadOnce', () => {
  it('loads once and hands every caller the same result', async () => {
    let loads = 0;
    const get = loadOnce('test', async () => ({ n: ++loads }));
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(await get()).toBe(a);
    expect(loads).toBe(1);
  });

  it('turns a failed import into an error that names the code, and tries again on the next call', async () => {
    let attempts = 0;
    const get = loadOnce('Helm rollback', async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("Cannot find module '/app/dist/src/k8s/operations/helm-rollback.js'");
      return 'loaded';
    });
    const err = await get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShipmateError);
    expect(err).toMatchObject({ code: 'internal', userMessage: 'Shipmate could not load its Helm rollback code' });
    expect((err as Error).message).toContain('helm-rollback.js');
    expect(await get()).toBe('loaded');
    expect(attempts).toBe(2);
  });
});

// Nothing here reaches a cluster: target() is pure and building operations touches no clients.
const logger = pino({ level: 'silent' });
const registry = createClusterRegistry({ clusters: {}, logger });
const git: GitChangeDeps['git'] = { checkoutOf: () => undefined, appOf: () => undefined, envOf: () => undefined, promotionOf: () => ({}) };
const deps: GitChangeDeps = {
  registry, logger, timing: DEFAULT_TIMING, sanitizer: createSanitizer({ showEnv: [] }), gitops: { pollMs: 1_000 }, owners: ownerDepsOf({}), git,
};
const none = registryOf([]);
const ctxFor = (invocation: Invocation): Pick<OperationContext, 'invocation' | 'scope'> => ({
  invocation,
  scope: { env: 'dev', cluster: 'main', namespace: 'shop', app: 'api-service', workload: { kind: 'Deployment', name: 'api-service' } },
});

describe('operations loaded on first use', () => {
  // The lock target is asked before any plan, so the lazy wrapper states it; it must be the loaded body's.
  const cases: { invocation: Invocation; registry: OperationRegistry; loaded: OperationBody }[] = [
    ...(['sync', 'suspend', 'resume', 'diff'] as const).map((command) => ({
      invocation: { command, app: 'api-service', env: 'dev' } as Invocation,
      registry: createGitOpsOperations({ registry, logger, mutates: isMutating, base: none }),
      loaded: command === 'sync' ? syncOperation(deps) : command === 'diff' ? diffOperation(deps) : suspendResumeOperation(deps, command),
    })),
    ...([
      [{ command: 'upgrade', app: 'api-service', env: 'dev', image: '1.2.3' }, gitChangeOperation(deps, gitUpgradeSpec)],
      [{ command: 'rollback', app: 'api-service', env: 'dev' }, gitChangeOperation(deps, gitRevertSpec)],
      [{ command: 'promote', app: 'api-service', env: 'staging', fromEnv: 'dev' }, gitChangeOperation(deps, gitPromoteSpec(deps))],
    ] as [Invocation, OperationBody][]).map(([invocation, loaded]) => ({
      invocation,
      registry: createGitChangeOperations({ registry, logger, mutates: isMutating, base: none, git, strategyOf: () => undefined }),
      loaded,
    })),
    {
      invocation: { command: 'preflight', env: 'dev', toVersion: '1.32' },
      registry: createOperations({ registry, logger, mutates: isMutating }),
      loaded: preflightOperation(deps),
    },
  ];

  for (const c of cases) {
    it(`${c.invocation.command}: locks what its loaded code locks, and keeps the command spec's mutates flag`, () => {
      const op = c.registry.get(c.invocation.command);
      expect(op?.command).toBe(c.loaded.command);
      expect(op?.target(ctxFor(c.invocation))).toEqual(c.loaded.target(ctxFor(c.invocation)));
      expect(op?.mutates).toBe(isMutating(c.invocation.command));
    });
  }
});
