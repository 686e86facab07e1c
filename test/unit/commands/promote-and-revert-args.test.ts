import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../../src/commands/index.js';
import { testConfig } from './support.js';

const ctx = { config: testConfig() };
const parse = (text: string) => parseInvocation(text, ctx);

describe('promote and rollback --to <sha> (issue 14)', () => {
  it('promote takes app, from-env and to-env; the request is scoped to to-env', () => {
    expect(parse('promote api-service staging prod')).toMatchObject({ ok: true, invocation: { command: 'promote', app: 'api-service', env: 'prod', fromEnv: 'staging' } });
  });

  it('promote refuses the same env twice, and an unknown env with the closest names', () => {
    const same = parse('promote api-service prod prod');
    expect(same.ok ? '' : same.error.userMessage).toContain('from-env and to-env are both prod');
    const unknown = parse('promote api-service stagin prod');
    expect(unknown.ok ? '' : unknown.error.userMessage).toMatch(/unknown environment "stagin"; did you mean staging/);
  });

  it('rollback --to takes a commit sha for revert rollbacks and still a revision number otherwise', () => {
    expect(parse('rollback api-service prod --to 3f2a9c1d')).toMatchObject({ ok: true, invocation: { toSha: '3f2a9c1d' } });
    expect(parse('rollback api-service prod --to 4')).toMatchObject({ ok: true, invocation: { toRevision: 4 } });
    const bad = parse('rollback api-service prod --to main~1');
    expect(bad.ok ? '' : bad.error.userMessage).toMatch(/--to \(a revision number or a commit sha\)/);
  });
});
