import { describe, expect, it } from 'vitest';
import { redactText } from '../../../src/k8s/objects/redaction.js';
import { createSanitizer, maskedValue } from '../../../src/k8s/objects/sanitize.js';

describe('redactText', () => {
  it('masks assignments, bearer tokens, URL credentials and private keys', () => {
    const text = 'PASSWORD=hunter2 api_key: abc123 Authorization: Bearer abcdefghijkl postgres://u:pw@db/x -----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----';
    const out = redactText(text);
    for (const leaked of ['hunter2', 'abc123', 'abcdefghijkl', ':pw@', 'MIIB']) expect(out).not.toContain(leaked);
    expect(redactText('listening on :8080')).toBe('listening on :8080');
  });
});

describe('the sanitiser', () => {
  const env = [
    { name: 'LOG_LEVEL', value: 'debug' },
    { name: 'GITHUB_PAT', value: 'ghp_x' },
    { name: 'DB_PASSWORD', value: 'hunter2' },
    { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'db', key: 'password', optional: true } } },
    { name: 'EMPTY' },
  ];

  it('masks every literal env value by default and keeps references to their shape', () => {
    expect(createSanitizer().value({ env })).toEqual({
      env: [
        { name: 'LOG_LEVEL', value: maskedValue('debug') },
        { name: 'GITHUB_PAT', value: maskedValue('ghp_x') },
        { name: 'DB_PASSWORD', value: maskedValue('hunter2') },
        { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'EMPTY' },
      ],
    });
    expect(maskedValue('ghp_x')).toMatch(/^‹masked sha256:[0-9a-f]{6}›$/);
  });

  it('shows only what the allowlist names, and never a credential-looking name', () => {
    const out = createSanitizer({ showEnv: ['LOG_LEVEL', 'DB_PASSWORD'] }).value({ env });
    expect(out.env.map((e) => ('value' in e ? e.value : undefined))).toEqual(['debug', maskedValue('ghp_x'), maskedValue('hunter2'), undefined, undefined]);
  });

  it('cleans env at any depth and drops last-applied-configuration, managedFields and Secret data', () => {
    const out = createSanitizer().value({
      kind: 'Deployment',
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"env":"DB_PASSWORD=x"}' }, managedFields: [{}] },
      spec: { template: { spec: { containers: [{ name: 'a', env: [{ name: 'TOKEN', value: 'x1' }], args: ['--password=zzz'] }] } } },
      items: [{ kind: 'Secret', data: { k: 'c2VjcmV0' } }],
    });
    const json = JSON.stringify(out);
    for (const leaked of ['zzz', 'DB_PASSWORD=x', 'managedFields', '"x1"', 'c2VjcmV0']) expect(json).not.toContain(leaked);
  });
});
