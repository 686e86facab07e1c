import { describe, expect, it } from 'vitest';
import { all, find, fullValues, render, type K8sObject } from './render.js';

const KEY = '0123456789abcdef0123456789abcdef0123456789abcdef';
const tokens = { 'slack.botToken': 'xoxb-test', 'slack.appToken': 'xapp-test' };

function auditKeyRef(objects: K8sObject[]): unknown {
  const spec = (find(objects, 'Deployment', 'rel-shipmate')['spec'] as { template: { spec: { containers: { name: string; env: { name: string; valueFrom?: unknown }[] }[] } } }).template.spec;
  const bot = spec.containers.find((c) => c.name === 'shipmate');
  return bot?.env.find((e) => e.name === 'SHIPMATE_AUDIT_KEY')?.valueFrom;
}

describe('helm chart: SHIPMATE_AUDIT_KEY from a Secret', () => {
  it('makes a Secret of its own from audit.key, kept on uninstall, and points the bot at it', async () => {
    const objects = await render({ set: { ...tokens, 'audit.key': KEY } });
    const secret = find(objects, 'Secret', 'rel-shipmate-audit');
    expect(secret.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
    expect(Buffer.from((secret['data'] as Record<string, string>)['SHIPMATE_AUDIT_KEY'] ?? '', 'base64').toString()).toBe(KEY);
    expect(auditKeyRef(objects)).toEqual({ secretKeyRef: { name: 'rel-shipmate-audit', key: 'SHIPMATE_AUDIT_KEY' } });
  });

  it('uses audit.existingSecret, else the existingSecret that holds the Slack tokens', async () => {
    const own = await render({ set: { ...tokens, 'audit.existingSecret': 'shipmate-audit' } });
    expect(all(own, 'Secret').map((s) => s.metadata.name)).toEqual(['rel-shipmate']);
    expect(auditKeyRef(own)).toEqual({ secretKeyRef: { name: 'shipmate-audit', key: 'SHIPMATE_AUDIT_KEY' } });
    const full = await render({ valuesFiles: [fullValues] });
    expect(auditKeyRef(full)).toEqual({ secretKeyRef: { name: 'shipmate-slack', key: 'SHIPMATE_AUDIT_KEY' } });
  });

  it('refuses a key shorter than 32 characters', async () => {
    await expect(render({ set: { ...tokens, 'audit.key': 'short' } })).rejects.toThrow(/audit\.key/);
  });
});
