import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { commandSpecs, isMutating } from '../../../src/commands/registry.js';
import { overlay, registryOf, type Operation } from '../../../src/core/operation.js';
import { createClusterRegistry } from '../../../src/k8s/client/cluster-registry.js';
import { createOperationRegistry, type OperationRegistryOptions } from '../../../src/k8s/operations/operation-registry.js';

// Building operations makes no cluster calls, so an empty cluster registry suffices.
const logger = pino({ level: 'silent' });
const registry = createClusterRegistry({ clusters: {}, logger });
const git: NonNullable<OperationRegistryOptions['git']> = {
  strategyOf: () => undefined,
  git: { checkoutOf: () => undefined, appOf: () => undefined, envOf: () => undefined, promotionOf: () => ({ order: undefined, minHealthyMs: undefined }) },
};

function stub(command: Operation['command'], tag: string): Operation {
  return { command, mutates: false, target: () => ({ cluster: tag, namespace: '', kind: 'Deployment', name: '' }), plan: () => Promise.reject(new Error('unused')), fingerprint: () => Promise.resolve(tag), execute: () => Promise.reject(new Error('unused')) };
}

describe('the operation registry', () => {
  it('has an operation, under its own name, for every command that runs against a cluster', () => {
    const ops = createOperationRegistry({ registry, logger, mutates: isMutating, git });
    // help, jobs and cancel run in no environment; audit reads the audit trail, not a cluster.
    const cluster = commandSpecs.filter((s) => s.scoped && s.name !== 'audit').map((s) => s.name);
    for (const c of cluster) expect({ c, command: ops.get(c)?.command }).toEqual({ c, command: c });
    expect(ops.commands().sort()).toEqual([...cluster].sort());
  });

  it('has promote only when changes go through Git', () => {
    expect(createOperationRegistry({ registry, logger, mutates: isMutating }).get('promote')).toBeUndefined();
    expect(createOperationRegistry({ registry, logger, mutates: isMutating, git }).get('promote')?.command).toBe('promote');
  });

  it('overlay: a later layer wins for its commands and keeps the rest of the base', async () => {
    const base = registryOf([stub('status', 'base'), stub('history', 'base')]);
    const both = overlay(base, [stub('history', 'over'), stub('sync', 'over')]);
    expect(both.commands().sort()).toEqual(['history', 'status', 'sync']);
    expect(await both.get('status')?.fingerprint({} as never)).toBe('base');
    expect(await both.get('history')?.fingerprint({} as never)).toBe('over');
    expect(both.get('drain')).toBeUndefined();
    // The base itself is not changed.
    expect(await base.get('history')?.fingerprint({} as never)).toBe('base');
  });
});
