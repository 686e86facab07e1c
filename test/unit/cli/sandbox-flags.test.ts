import { describe, expect, it } from 'vitest';
import { runSandboxCommand } from '../../../src/cli/sandbox.js';

function io(): { out: (l: string) => void; err: (l: string) => void; errors: string[] } {
  const errors: string[] = [];
  return { out: () => undefined, err: (l) => errors.push(l), errors };
}

describe('shipmate sandbox flags', () => {
  it('names the seeds it knows', async () => {
    const t = io();
    expect(await runSandboxCommand({ seed: 'argo' }, t)).toBe(1);
    expect(t.errors).toEqual(['--seed must be "demo", "none" or "gitops", got "argo"']);
  });

  it('keeps --self-heal-seconds and --git-token to --seed gitops', async () => {
    const t = io();
    expect(await runSandboxCommand({ seed: 'demo', 'self-heal-seconds': '5' }, t)).toBe(1);
    expect(t.errors).toEqual(['--self-heal-seconds and --git-token go with --seed gitops']);
  });

  it('validates --self-heal-seconds and --git-token', async () => {
    const t = io();
    expect(await runSandboxCommand({ seed: 'gitops', 'self-heal-seconds': 'soon' }, t)).toBe(1);
    expect(await runSandboxCommand({ seed: 'gitops', 'git-token': 'has space' }, t)).toBe(1);
    expect(t.errors).toEqual([
      '--self-heal-seconds must be an integer from 0 to 3600, got "soon"',
      '--git-token must be 1 to 200 printable ASCII characters without spaces',
    ]);
  });
});
