import { describe, expect, it } from 'vitest';
import { goDuration, rfc3339Micro, rfc3339Seconds } from '../../../../devkit/kube-sim/protobuf/go-format.js';
import { ProtoTypes } from '../../../../devkit/kube-sim/protobuf/registry.js';
import { decodeProtobufBody } from '../../../../devkit/kube-sim/protobuf/request-body.js';
import { StatusError } from '../../../../devkit/kube-sim/status.js';

const types = new ProtoTypes();

/** Encode as Go's apiserver client does: magic, then runtime.Unknown around the typed message. */
function wire(apiVersion: string, kind: string, fields: Record<string, unknown>): Buffer {
  const type = types.lookup(apiVersion, kind);
  if (!type) throw new Error(`no type for ${kind}`);
  const raw = type.encode(type.fromObject(fields)).finish();
  const env = types.envelope();
  const body = env.encode(env.fromObject({ typeMeta: { apiVersion, kind }, raw, contentEncoding: '', contentType: '' })).finish();
  return Buffer.concat([Buffer.from('k8s\u0000', 'latin1'), body]);
}

const zeroMeta = { name: 'x', generateName: '', namespace: 'shop', resourceVersion: '', uid: '', generation: 0, creationTimestamp: {} };

describe('protobuf request bodies', () => {
  it('decodes a SubjectAccessReview with its user extras as the lists JSON has', () => {
    const body = wire('authorization.k8s.io/v1', 'SubjectAccessReview', {
      metadata: { creationTimestamp: {} },
      spec: {
        user: 'alice',
        groups: ['ops'],
        extra: { scopes: { items: ['read', 'write'] } },
        resourceAttributes: { namespace: 'shop', verb: 'get', group: 'apps', resource: 'deployments', subresource: 'scale', name: '', version: '' },
      },
      status: { allowed: false, denied: false, reason: '', evaluationError: '' },
    });
    expect(decodeProtobufBody(types, body)).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      metadata: {},
      spec: { user: 'alice', groups: ['ops'], extra: { scopes: ['read', 'write'] }, resourceAttributes: { namespace: 'shop', verb: 'get', group: 'apps', resource: 'deployments', subresource: 'scale' } },
      status: {},
    });
  });

  it('decodes a Deployment with Go zero values dropped and pointer zeros kept', () => {
    const body = wire('apps/v1', 'Deployment', {
      metadata: { ...zeroMeta, labels: { app: 'web' } },
      spec: {
        replicas: 0,
        minReadySeconds: 0,
        paused: false,
        selector: { matchLabels: { app: 'web' } },
        strategy: {},
        template: {
          metadata: { labels: { app: 'web' }, creationTimestamp: {} },
          spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80, hostPort: 0 }], resources: {}, stdin: false }] },
        },
      },
    });
    expect(decodeProtobufBody(types, body)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x', namespace: 'shop', labels: { app: 'web' } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'web' } },
        strategy: {},
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], resources: {} }] } },
      },
    });
  });

  it('turns bytes into base64, Time into RFC 3339 and IntOrString / Quantity into their JSON forms', () => {
    const secret = decodeProtobufBody(types, wire('v1', 'Secret', { metadata: { name: 's', creationTimestamp: { seconds: 1700000000 } }, data: { a: Buffer.from('hello') }, type: 'Opaque' }));
    expect(secret).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', creationTimestamp: '2023-11-14T22:13:20Z' }, data: { a: 'aGVsbG8=' }, type: 'Opaque' });
    const pdb = decodeProtobufBody(types, wire('policy/v1', 'PodDisruptionBudget', { metadata: { name: 'p' }, spec: { minAvailable: { type: 1, strVal: '50%' }, maxUnavailable: { type: 0, intVal: 0 } } }));
    expect(pdb).toMatchObject({ spec: { minAvailable: '50%', maxUnavailable: 0 } });
    const quota = decodeProtobufBody(types, wire('v1', 'ResourceQuota', { metadata: { name: 'q' }, spec: { hard: { cpu: { string: '500m' }, pods: { string: '10' } } } }));
    expect(quota).toMatchObject({ spec: { hard: { cpu: '500m', pods: '10' } } });
  });

  it('decodes the kinds of other groups kubectl create and helm send', () => {
    const role = decodeProtobufBody(types, wire('rbac.authorization.k8s.io/v1', 'Role', { metadata: { name: 'r' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] }));
    expect(role).toEqual({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] });
    const pc = decodeProtobufBody(types, wire('scheduling.k8s.io/v1', 'PriorityClass', { metadata: { name: 'hi' }, value: 0, globalDefault: false }));
    expect(pc).toEqual({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'hi' }, value: 0 });
    const hpa = decodeProtobufBody(types, wire('autoscaling/v2', 'HorizontalPodAutoscaler', {
      metadata: { name: 'h' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
    }));
    expect(hpa).toMatchObject({ spec: { minReplicas: 1, maxReplicas: 5, metrics: [{ resource: { target: { averageUtilization: 80 } } }] } });
    const ing = decodeProtobufBody(types, wire('networking.k8s.io/v1', 'Ingress', {
      metadata: { name: 'i' },
      spec: { rules: [{ host: 'a.io', ingressRuleValue: { http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } } }] },
    }));
    expect(ing).toMatchObject({ spec: { rules: [{ host: 'a.io', http: { paths: [{ backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } });
  });

  it('keeps DeleteOptions gracePeriodSeconds 0 and decodes an Eviction with its options', () => {
    expect(decodeProtobufBody(types, wire('v1', 'DeleteOptions', { gracePeriodSeconds: 0, propagationPolicy: 'Background' }))).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      gracePeriodSeconds: 0,
      propagationPolicy: 'Background',
    });
    const eviction = decodeProtobufBody(types, wire('policy/v1', 'Eviction', { metadata: { name: 'p', namespace: 'a' }, deleteOptions: { dryRun: ['All'] } }));
    expect(eviction).toEqual({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p', namespace: 'a' }, deleteOptions: { dryRun: ['All'] } });
  });

  it('answers an unknown kind with a 415 naming it, and a body without the magic with a 400', () => {
    const env = types.envelope();
    const body = Buffer.concat([Buffer.from('k8s\u0000', 'latin1'), env.encode(env.fromObject({ typeMeta: { apiVersion: 'example.com/v1', kind: 'Widget' }, raw: Buffer.from([]) })).finish()]);
    expect(() => decodeProtobufBody(types, body)).toThrow(/kind "Widget" \(apiVersion "example.com\/v1"\)/);
    try {
      decodeProtobufBody(types, body);
    } catch (err) {
      expect((err as StatusError).code).toBe(415);
    }
    expect(() => decodeProtobufBody(types, Buffer.from('{"kind":"Pod"}'))).toThrow(StatusError);
  });
});

describe('protobuf fields that JSON inlines or renames', () => {
  it('splices embedded structs (volume sources, probe handlers, key selectors) into their parent', () => {
    const pod = decodeProtobufBody(types, wire('v1', 'Pod', {
      metadata: { name: 'p' },
      spec: {
        volumes: [{ name: 'cache', volumeSource: { emptyDir: {} } }],
        containers: [{
          name: 'c',
          image: 'i',
          livenessProbe: { handler: { httpGet: { path: '/', port: { type: 1, strVal: 'http' } } } },
          env: [{ name: 'P', valueFrom: { secretKeyRef: { localObjectReference: { name: 'db' }, key: 'password' } } }],
        }],
      },
    }));
    expect(pod).toMatchObject({
      spec: {
        volumes: [{ name: 'cache', emptyDir: {} }],
        containers: [{ livenessProbe: { httpGet: { path: '/', port: 'http' } }, env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] }],
      },
    });
    const ing = decodeProtobufBody(types, wire('networking.k8s.io/v1', 'IngressClass', { metadata: { name: 'c' }, spec: { parameters: { aPIGroup: 'k8s.example.com', kind: 'P', name: 'x' } } }));
    expect(ing).toMatchObject({ spec: { parameters: { apiGroup: 'k8s.example.com', kind: 'P', name: 'x' } } });
  });
});

describe('Go text forms of protobuf numbers', () => {
  it('formats durations as time.Duration.String() and times as RFC 3339', () => {
    expect([0, 500_000_000, 1_500_000_000, 90_000_000_000, 3_600_000_000_000, 5_400_500_000_000].map(goDuration)).toEqual(['0s', '500ms', '1.5s', '1m30s', '1h0m0s', '1h30m0.5s']);
    expect(rfc3339Seconds(0)).toBe('1970-01-01T00:00:00Z');
    expect(rfc3339Micro(1_700_000_000, 123_456_789)).toBe('2023-11-14T22:13:20.123456Z');
  });
});
