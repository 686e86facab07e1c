import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { COMMAND_NAMES } from '../../../src/config/command-names.js';
import { commandSpec, isMutating } from '../../../src/commands/registry.js';
import { createClusterRegistry } from '../../../src/k8s/client/cluster-registry.js';
import { createOperations } from '../../../src/k8s/operations/create-operations.js';
import { createScanOperations } from '../../../src/k8s/operations/scan-operation.js';
import type { OperationRegistry } from '../../../src/core/operation.js';

// Nothing here talks to a cluster: building operations is lazy, so an empty registry suffices.
const registry = createClusterRegistry({ clusters: {}, logger: pino({ level: 'silent' }) });
const noClients = () => {
  throw new Error('no cluster in this test');
};

function both(mutates: (c: (typeof COMMAND_NAMES)[number]) => boolean): OperationRegistry {
  const k8s = createOperations({ registry, logger: pino({ level: 'silent' }), mutates });
  const scans = createScanOperations({ clientsFor: noClients, mutates });
  return (command) => k8s(command) ?? scans(command);
}

describe('Operation.mutates', () => {
  it('is the command spec\'s flag for every implemented command', () => {
    const ops = both(isMutating);
    const implemented = COMMAND_NAMES.filter((c) => ops(c) !== undefined);
    expect(implemented.length).toBeGreaterThan(10);
    for (const c of implemented) expect({ c, mutates: ops(c)?.mutates }).toEqual({ c, mutates: commandSpec(c).mutates });
  });

  it('comes only from the injected spec lookup, not from a second declaration in k8s/', () => {
    const inverted = both((c) => !isMutating(c));
    expect(inverted('status')?.mutates).toBe(true);
    expect(inverted('certs')?.mutates).toBe(true);
    expect(inverted('rollback')?.mutates).toBe(false);
    expect(inverted('drain')?.mutates).toBe(false);
  });
});
