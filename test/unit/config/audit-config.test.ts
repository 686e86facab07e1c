import { describe, expect, it } from 'vitest';
import { loadAuditKey, parseConfig, ConfigError } from '../../../src/config/index.js';
import { fixture } from './support.js';

const withAudit = (section: string): string => `${fixture('example.yaml')}\naudit:\n${section}`;

describe('audit: section of shipmate.yaml', () => {
  it('is absent unless written, and anchors every 100 records by default', () => {
    const plain = parseConfig(fixture('example.yaml'));
    expect(plain.ok && plain.config.audit).toBe(undefined);
    const r = parseConfig(withAudit('  anchorChannel: C0AUDIT\n'));
    expect(r.ok && r.config.audit).toEqual({ anchorChannel: 'C0AUDIT', anchorEvery: { records: 100 } });
  });

  it('takes anchorEvery as a record count or a duration', () => {
    const byCount = parseConfig(withAudit('  anchorEvery: 25\n'));
    expect(byCount.ok && byCount.config.audit).toEqual({ anchorEvery: { records: 25 } });
    const byTime = parseConfig(withAudit('  anchorEvery: 1h\n'));
    expect(byTime.ok && byTime.config.audit).toEqual({ anchorEvery: { intervalMs: 3_600_000 } });
  });

  it('says what is wrong with a bad channel or interval', () => {
    const r = parseConfig(withAudit('  anchorChannel: "#audit"\n  anchorEvery: 0\n'));
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['audit.anchorChannel', 'audit.anchorEvery']));
  });
});

describe('loadAuditKey', () => {
  it('returns the key bytes, and refuses a missing or short key with a hint', () => {
    expect(loadAuditKey({ SHIPMATE_AUDIT_KEY: 'k'.repeat(64) }).toString()).toBe('k'.repeat(64));
    for (const env of [{}, { SHIPMATE_AUDIT_KEY: '  ' }, { SHIPMATE_AUDIT_KEY: 'too-short' }]) {
      expect(() => loadAuditKey(env)).toThrow(ConfigError);
      expect(() => loadAuditKey(env)).toThrow(/SHIPMATE_AUDIT_KEY.*openssl rand -hex 32/s);
    }
  });
});
