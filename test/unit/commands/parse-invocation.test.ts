import { describe, expect, it } from 'vitest';
import { parseInvocation, UsageError } from '../../../src/commands/index.js';
import type { Invocation } from '../../../src/core/invocation.js';
import { testConfig } from './support.js';

const ctx = { config: testConfig() };

function ok(text: string): Invocation {
  const r = parseInvocation(text, ctx);
  if (!r.ok) throw new Error(`expected ok for "${text}", got: ${r.error.userMessage}`);
  return r.invocation;
}

function fail(text: string): UsageError {
  const r = parseInvocation(text, ctx);
  if (r.ok) throw new Error(`expected a usage error for "${text}", got ${JSON.stringify(r.invocation)}`);
  expect(r.error).toBeInstanceOf(UsageError);
  expect(r.error.code).toBe('usage');
  return r.error;
}

describe('parseInvocation: happy paths for every command', () => {
  it.each<[string, Invocation]>([
    ['', { command: 'help' }],
    ['help', { command: 'help' }],
    ['help Rollback', { command: 'help', topic: 'rollback' }],
    ['status api-service prod', { command: 'status', app: 'api-service', env: 'prod' }],
    ['STATUS Api-Service PROD', { command: 'status', app: 'api-service', env: 'prod' }],
    ['history cart staging', { command: 'history', app: 'cart', env: 'staging' }],
    ['rollback api-service prod', { command: 'rollback', app: 'api-service', env: 'prod' }],
    ['rollback api-service prod --to 4', { command: 'rollback', app: 'api-service', env: 'prod', toRevision: 4 }],
    ['rollback api-service prod --to=4', { command: 'rollback', app: 'api-service', env: 'prod', toRevision: 4 }],
    ['rollback --to 4 api-service prod', { command: 'rollback', app: 'api-service', env: 'prod', toRevision: 4 }],
    ['upgrade api-service prod v1.4.2', { command: 'upgrade', app: 'api-service', env: 'prod', image: 'v1.4.2' }],
    [
      'upgrade api-service prod registry.example.com:5000/shop/api:v1.4.2 --container api',
      { command: 'upgrade', app: 'api-service', env: 'prod', image: 'registry.example.com:5000/shop/api:v1.4.2', container: 'api' },
    ],
    ['restart node-agent dev', { command: 'restart', app: 'node-agent', env: 'dev' }],
    ['scale api-service prod 0', { command: 'scale', app: 'api-service', env: 'prod', replicas: 0 }],
    ['scale api-service prod 10000', { command: 'scale', app: 'api-service', env: 'prod', replicas: 10000 }],
    // The parser checks the form only; policy alone decides the allowed range (issue 9, item 12).
    ['scale api-service prod 20000', { command: 'scale', app: 'api-service', env: 'prod', replicas: 20000 }],
    ['logs api-service prod', { command: 'logs', target: 'api-service', env: 'prod', previous: false }],
    [
      'logs api-service-7d9f8b6c5-x2x9z prod --previous --tail 200 --since 2h30m --container api',
      { command: 'logs', target: 'api-service-7d9f8b6c5-x2x9z', env: 'prod', previous: true, tailLines: 200, sinceSeconds: 9000, container: 'api' },
    ],
    ['debug cart dev', { command: 'debug', target: 'cart', env: 'dev' }],
    ['debug cart-0 dev', { command: 'debug', target: 'cart-0', env: 'dev' }],
    ['cordon node-1.eu-west-1.compute.internal prod', { command: 'cordon', node: 'node-1.eu-west-1.compute.internal', env: 'prod' }],
    ['uncordon node-1 prod', { command: 'uncordon', node: 'node-1', env: 'prod' }],
    ['drain node-1 prod', { command: 'drain', node: 'node-1', env: 'prod' }],
    ['backup prod', { command: 'backup', env: 'prod', namespaces: [] }],
    ['backup prod shop payments shop', { command: 'backup', env: 'prod', namespaces: ['shop', 'payments'] }],
    ['certs prod', { command: 'certs', env: 'prod' }],
    ['quota dev', { command: 'quota', env: 'dev' }],
    ['preflight prod --to 1.31', { command: 'preflight', env: 'prod', toVersion: '1.31' }],
    ['preflight prod --to v1.31.2', { command: 'preflight', env: 'prod', toVersion: '1.31.2' }],
    ['jobs', { command: 'jobs' }],
    ['jobs staging', { command: 'jobs', env: 'staging' }],
    ['cancel R-7KQ2M9AB', { command: 'cancel', requestId: 'R-7KQ2M9AB' }],
    ['cancel r-7kq2m9ab', { command: 'cancel', requestId: 'R-7KQ2M9AB' }],
    ['audit api-service prod', { command: 'audit', app: 'api-service', env: 'prod' }],
    ['  status   "api-service"   \u201cprod\u201d  ', { command: 'status', app: 'api-service', env: 'prod' }],
    ['logs api-service prod \u2014since 1h', { command: 'logs', target: 'api-service', env: 'prod', previous: false, sinceSeconds: 3600 }],
    ['rollback --help', { command: 'help', topic: 'rollback' }],
  ])('%j', (text, expected) => {
    expect(ok(text)).toEqual(expected);
  });
});

describe('parseInvocation: errors say what was wrong and what would be right', () => {
  it('suggests the closest commands for an unknown one', () => {
    const e = fail('rollbak api-service prod');
    expect(e.suggestions).toEqual(['rollback']);
    expect(e.userMessage).toContain('Unknown command "rollbak"');
    expect(e.userMessage).toContain('/k8s help');
  });

  it('suggests the closest apps and lists the known ones', () => {
    const e = fail('status api-servce prod');
    expect(e.suggestions).toEqual(['api-service']);
    expect(e.userMessage).toContain('unknown app "api-servce"');
    expect(e.userMessage).toContain('known apps: api-service, cart, node-agent');
    expect(e.userMessage).toContain('Usage: `/k8s status <app> <env>`');
    expect(e.userMessage).toContain('Example: `/k8s status api-service prod`');
  });

  it('suggests the closest environments (transpositions count as one edit)', () => {
    expect(fail('status api-service prdo').suggestions).toEqual(['prod']);
    expect(fail('status api-service stagign').suggestions).toEqual(['staging']);
    expect(fail('status api-service qa').suggestions).toEqual([]);
  });

  it('names missing and extra arguments', () => {
    expect(fail('status api-service').userMessage).toContain('missing <env>');
    expect(fail('scale api-service prod').userMessage).toContain('missing <replicas>');
    expect(fail('audit api-service prod now').userMessage).toContain('unexpected argument "now"');
    expect(fail('cancel').userMessage).toContain('missing <request-id>');
  });

  it('rejects unknown, repeated and malformed flags', () => {
    const e = fail('rollback api-service prod --too 3');
    expect(e.userMessage).toContain('unknown flag --too');
    expect(e.suggestions).toEqual(['--to']);
    expect(fail('rollback api-service prod --to 3 --to 4').userMessage).toContain('--to is given twice');
    expect(fail('rollback api-service prod --to').userMessage).toContain('--to needs a value');
    expect(fail('logs api-service prod --previous=yes').userMessage).toContain('--previous takes no value');
    expect(fail('status api-service prod --force').userMessage).toContain('this command takes no flags');
  });

  it.each([
    ['scale api-service prod -1', 'replicas must be a whole number of 0 or more, not "-1"'],
    ['scale api-service prod 1e3', 'whole number'],
    ['scale node-agent prod 3', 'node-agent is a DaemonSet: it runs one pod per node and cannot be scaled'],
    ['scale api-service prod 99999999999999999999', 'too large'],
    ['rollback api-service prod --to 0', 'between 1 and'],
    ['logs api-service prod --tail 0', '--tail must be between 1 and 100000'],
    ['logs api-service prod --since 8d', 'at most 7d'],
    ['logs api-service prod --since 5 minutes', 'unexpected argument'],
    ['logs api-service prod --since 1w', '--since takes a duration'],
    ['logs Api_Pod prod', 'neither an app'],
    ['logs api-service prod --container API', 'not a valid container name'],
    ['drain Node-1 prod', 'Kubernetes names are lowercase'],
    ['drain node-1- prod', 'start and end with a letter or digit'],
    ['backup prod Shop', 'not a valid namespace'],
    ['preflight prod', 'missing --to <version>'],
    ['preflight prod --to 2.0', 'not a Kubernetes version'],
    ['cancel 123', 'not a request id'],
    ['help rollbak', 'did you mean rollback'],
  ])('%s → %s', (text, message) => {
    expect(fail(text).userMessage).toContain(message);
  });

  it('validates images with the OCI reference grammar', () => {
    expect(fail('upgrade api-service prod Registry.io/Shop/API:v1').userMessage).toContain('lowercase');
    expect(fail('upgrade api-service prod shop/api').userMessage).toContain('give a tag or digest');
    expect(fail('upgrade api-service prod shop/api:-bad').userMessage).toContain('not a valid tag');
    expect(fail('upgrade api-service prod shop/api@sha256:abc').userMessage).toContain('64 lowercase hex');
    expect(fail('upgrade api-service prod "v1 2"').userMessage).toContain('not an image tag or reference');
  });

  it('reports an unclosed quote', () => {
    expect(fail('status "api-service prod').userMessage).toContain('unclosed quote');
  });

  it('treats shell metacharacters as plain data that fails validation', () => {
    expect(fail('status api-service prod;reboot').userMessage).toContain('unknown environment');
    expect(fail('logs $(reboot) prod').userMessage).toContain('neither an app');
  });

  it('refuses absurdly long input without echoing it back', () => {
    const e = fail(`status ${'a'.repeat(5000)} prod`);
    expect(e.userMessage.length).toBeLessThan(200);
  });
});
