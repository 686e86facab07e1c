import { describe, expect, it } from 'vitest';
import { chooseContainer } from '../../../src/k8s/objects/containers.js';
import { imageRepository, imageTag, isBareTag, resolveImage } from '../../../src/k8s/objects/image-ref.js';
import { planSetImage } from '../../../src/k8s/workloads/set-image.js';

describe('image references', () => {
  it('keeps the repository (and registry port) for a bare tag', () => {
    expect(isBareTag('v1.4.2')).toBe(true);
    expect(resolveImage('registry.local:5000/shop/api:v1.4.1', 'v1.4.2')).toBe('registry.local:5000/shop/api:v1.4.2');
    expect(resolveImage('nginx', '1.27')).toBe('nginx:1.27');
    expect(resolveImage('ghcr.io/a/b@sha256:' + 'a'.repeat(64), 'v2')).toBe('ghcr.io/a/b:v2');
  });
  it('replaces the image for a full reference and validates both forms', () => {
    expect(resolveImage('nginx:1.25', 'ghcr.io/acme/nginx:1.27')).toBe('ghcr.io/acme/nginx:1.27');
    expect(() => resolveImage('nginx:1', 'Bad Image:1')).toThrow(/not a valid image reference/);
    expect(() => resolveImage('nginx:1', '.bad')).toThrow(/not a valid image tag/);
  });
  it('splits repository and tag', () => {
    expect(imageRepository('localhost:5000/app:v1')).toBe('localhost:5000/app');
    expect(imageTag('localhost:5000/app:v1')).toBe('v1');
    expect(imageTag('localhost:5000/app')).toBe('');
  });
});

describe('chooseContainer', () => {
  const spec = { containers: [{ name: 'app', image: 'a:1' }, { name: 'sidecar', image: 's:1' }], initContainers: [{ name: 'migrate', image: 'm:1' }] };
  it('requires a choice among several, lists names on unknown', () => {
    expect(() => chooseContainer(spec, {}, undefined, 'only', 'deployment/api')).toThrow('deployment/api has several containers (app, sidecar); choose one with --container');
    expect(() => chooseContainer(spec, {}, 'nope', 'only', 'deployment/api')).toThrow('deployment/api has no container "nope"; containers: app, sidecar, migrate');
  });
  it('honours the default-container annotation, init containers and the logs fallback', () => {
    expect(chooseContainer(spec, { 'kubectl.kubernetes.io/default-container': 'sidecar' }, undefined, 'only', 'x').name).toBe('sidecar');
    expect(chooseContainer(spec, {}, 'migrate', 'only', 'x').kind).toBe('initContainers');
    expect(chooseContainer(spec, {}, undefined, 'first', 'x').name).toBe('app');
  });
});

describe('planSetImage', () => {
  const d = { kind: 'Deployment', metadata: { name: 'api' }, spec: { template: { spec: { containers: [{ name: 'app', image: 'reg/api:v1' }] } } } };
  it('builds the kubectl strategic merge patch', () => {
    expect(planSetImage(d, 'v2', undefined).patch).toEqual({ spec: { template: { spec: { containers: [{ name: 'app', image: 'reg/api:v2' }] } } } });
  });
  it('sends nothing when the image is unchanged', () => {
    expect(planSetImage(d, 'v1', undefined).patch).toBeUndefined();
  });
});
