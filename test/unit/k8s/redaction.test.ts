import { describe, expect, it } from 'vitest';
import { REDACTED, redactEnv, redactText } from '../../../src/k8s/objects/redaction.js';
import { sanitizeObject } from '../../../src/k8s/objects/sanitize.js';

describe('redactEnv', () => {
  it('masks credential-looking names and never carries referenced values', () => {
    const out = redactEnv([
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'DB_PASSWORD', value: 'hunter2' },
      { name: 'API_TOKEN', value: 't0k' },
      { name: 'AWS_SECRET_ACCESS_KEY', value: 'k' },
      { name: 'SIGNING_KEY', value: 'k2' },
      { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    ]);
    expect(out).toEqual([
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'DB_PASSWORD', value: REDACTED },
      { name: 'API_TOKEN', value: REDACTED },
      { name: 'AWS_SECRET_ACCESS_KEY', value: REDACTED },
      { name: 'SIGNING_KEY', value: REDACTED },
      { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    ]);
  });
});

describe('redactText', () => {
  it('masks assignments, bearer tokens, URL credentials and private keys', () => {
    const text = 'PASSWORD=hunter2 api_key: abc123 Authorization: Bearer abcdefghijkl postgres://u:pw@db/x -----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----';
    const out = redactText(text);
    for (const leaked of ['hunter2', 'abc123', 'abcdefghijkl', ':pw@', 'MIIB']) expect(out).not.toContain(leaked);
    expect(redactText('listening on :8080')).toBe('listening on :8080');
  });
});

describe('sanitizeObject', () => {
  it('cleans env in pod templates and drops last-applied-configuration and managedFields', () => {
    const out = sanitizeObject({
      kind: 'Deployment',
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"env":"DB_PASSWORD=x"}' }, managedFields: [{}] } as never,
      spec: { template: { spec: { containers: [{ name: 'a', env: [{ name: 'TOKEN', value: 'x' }], args: ['--password=zzz'] }] } } },
    });
    const json = JSON.stringify(out);
    expect(json).not.toContain('zzz');
    expect(json).not.toContain('DB_PASSWORD=x');
    expect(json).not.toContain('managedFields');
  });
});
