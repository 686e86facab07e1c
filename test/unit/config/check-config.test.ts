import { describe, expect, it } from 'vitest';
import { runCheckConfig } from '../../../src/cli/check-config.js';
import { fixturePath } from './support.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('shipmate check-config', () => {
  it('prints a summary table and returns 0 for a valid file', async () => {
    const c = capture();
    expect(await runCheckConfig([fixturePath('example.yaml')], c.io)).toBe(0);
    expect(c.err).toEqual([]);
    expect(c.out[1]).toMatch(/^ENVIRONMENT\s+CLUSTER\s+NAMESPACE\s+POLICY\s+CHANNEL$/);
    expect(c.out[2]).toMatch(/^prod\s+prod-eu \(context prod-eu\)\s+shop\s+production\s+C0PRODOPS$/);
    expect(c.out[3]).toMatch(/^dev\s+local \(in-cluster\)\s+shop-dev\s+open\s+any$/);
  });

  it('prints every problem as "path: message (hint)" and returns 1', async () => {
    const c = capture();
    expect(await runCheckConfig([fixturePath('broken-references.yaml')], c.io)).toBe(1);
    expect(c.err[0]).toContain('3 problems');
    expect(c.err).toContain('  environments.prod.cluster: unknown cluster "prod-us"; known: prod-eu, local (did you mean prod-eu?)');
  });

  it('prints warnings for valid files', async () => {
    const c = capture();
    expect(await runCheckConfig([fixturePath('warn-approvers.yaml')], c.io)).toBe(0);
    expect(c.out.filter((l) => l.startsWith('warning: '))).toHaveLength(2);
  });

  it('reports a missing file as one problem', async () => {
    const c = capture();
    expect(await runCheckConfig([fixturePath('does-not-exist.yaml')], c.io)).toBe(1);
    expect(c.err).toHaveLength(2);
    expect(c.err[1]).toContain('file not found');
  });

  it('rejects extra arguments with usage', async () => {
    const c = capture();
    expect(await runCheckConfig(['a.yaml', 'b.yaml'], c.io)).toBe(2);
    expect(c.err[0]).toMatch(/^usage: shipmate check-config/);
  });
});
