import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { COMMAND_NAMES } from '../../../src/config/command-names.js';
import { commandSpec, isMutating } from '../../../src/commands/registry.js';
import { createClusterRegistry } from '../../../src/k8s/client/cluster-registry.js';
import { createOperationRegistry } from '../../../src/k8s/operations/operation-registry.js';
import type { OperationRegistry } from '../../../src/core/operation.js';

// Nothing here talks to a cluster: building operations is lazy, so an empty registry suffices.
const registry = createClusterRegistry({ clusters: {}, logger: pino({ level: 'silent' }) });

function both(mutates: (c: (typeof COMMAND_NAMES)[number]) => boolean): OperationRegistry {
  return createOperationRegistry({ registry, logger: pino({ level: 'silent' }), mutates });
}

describe('Operation.mutates', () => {
  it('is the command spec\'s flag for every implemented command', () => {
    const ops = both(isMutating);
    const implemented = COMMAND_NAMES.filter((c) => ops.get(c) !== undefined);
    expect(implemented.length).toBeGreaterThan(10);
    for (const c of implemented) expect({ c, mutates: ops.get(c)?.mutates }).toEqual({ c, mutates: commandSpec(c).mutates });
  });

  it('comes only from the injected spec lookup, not from a second declaration in k8s/', () => {
    const inverted = both((c) => !isMutating(c));
    expect(inverted.get('status')?.mutates).toBe(true);
    expect(inverted.get('certs')?.mutates).toBe(true);
    expect(inverted.get('rollback')?.mutates).toBe(false);
    expect(inverted.get('drain')?.mutates).toBe(false);
  });
});
