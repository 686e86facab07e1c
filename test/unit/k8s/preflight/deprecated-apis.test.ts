import { describe, expect, it } from 'vitest';
import { DEPRECATED_APIS, describeVerdict, lookupDeprecatedApi } from '../../../../src/k8s/preflight/deprecated-apis.js';
import { parseKubeVersion } from '../../../../src/k8s/preflight/kube-version.js';

const v = (text: string) => {
  const parsed = parseKubeVersion(text);
  if (!parsed) throw new Error(text);
  return parsed;
};

describe('lookupDeprecatedApi', () => {
  it('calls an API removed at or before the target a removal, whatever patch the target names', () => {
    expect(lookupDeprecatedApi('batch/v1beta1', 'CronJob', v('1.25'))?.state).toBe('removed');
    expect(lookupDeprecatedApi('batch/v1beta1', 'CronJob', v('1.32.1'))?.state).toBe('removed');
    expect(lookupDeprecatedApi('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', v('1.32'))?.state).toBe('removed');
  });

  it('calls an API deprecated but still served by the target a deprecation', () => {
    expect(lookupDeprecatedApi('batch/v1beta1', 'CronJob', v('1.24'))?.state).toBe('deprecated');
    expect(lookupDeprecatedApi('flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', v('1.31'))?.state).toBe('deprecated');
  });

  it('says nothing before the deprecation, for current APIs, for kinds the row does not name and for unknown groups', () => {
    expect(lookupDeprecatedApi('batch/v1beta1', 'CronJob', v('1.20'))).toBeUndefined();
    expect(lookupDeprecatedApi('apps/v1', 'Deployment', v('1.33'))).toBeUndefined();
    expect(lookupDeprecatedApi('policy/v1beta1', 'Eviction', v('1.33'))).toBeUndefined();
    expect(lookupDeprecatedApi('velero.io/v1', 'Backup', v('1.33'))).toBeUndefined();
  });

  it('knows the well-known removals by release', () => {
    const removedIn = (apiVersion: string, kind: string) => DEPRECATED_APIS.find((r) => r.apiVersion === apiVersion && r.kinds.includes(kind))?.removedIn;
    expect(removedIn('extensions/v1beta1', 'Deployment')).toBe('1.16');
    expect(removedIn('apps/v1beta2', 'DaemonSet')).toBe('1.16');
    expect(removedIn('extensions/v1beta1', 'Ingress')).toBe('1.22');
    expect(removedIn('networking.k8s.io/v1beta1', 'Ingress')).toBe('1.22');
    expect(removedIn('rbac.authorization.k8s.io/v1beta1', 'RoleBinding')).toBe('1.22');
    expect(removedIn('apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition')).toBe('1.22');
    expect(removedIn('policy/v1beta1', 'PodDisruptionBudget')).toBe('1.25');
    expect(removedIn('policy/v1beta1', 'PodSecurityPolicy')).toBe('1.25');
    expect(removedIn('discovery.k8s.io/v1beta1', 'EndpointSlice')).toBe('1.25');
    expect(removedIn('events.k8s.io/v1beta1', 'Event')).toBe('1.25');
    expect(removedIn('autoscaling/v2beta1', 'HorizontalPodAutoscaler')).toBe('1.25');
    expect(removedIn('autoscaling/v2beta2', 'HorizontalPodAutoscaler')).toBe('1.26');
    expect(removedIn('flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema')).toBe('1.26');
    expect(removedIn('storage.k8s.io/v1beta1', 'CSIStorageCapacity')).toBe('1.27');
    expect(removedIn('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema')).toBe('1.29');
  });

  it('has every row deprecated before it was removed, and no row twice', () => {
    const keys = new Set<string>();
    for (const row of DEPRECATED_APIS) {
      const [dep, rem] = [v(row.deprecatedIn), v(row.removedIn)];
      expect(dep.minor, `${row.apiVersion}`).toBeLessThan(rem.minor);
      for (const kind of row.kinds) {
        const key = `${row.apiVersion} ${kind}`;
        expect(keys.has(key), key).toBe(false);
        keys.add(key);
      }
    }
  });

  it('describes what to do instead', () => {
    const ingress = lookupDeprecatedApi('extensions/v1beta1', 'Ingress', v('1.33'));
    expect(ingress && describeVerdict('Ingress', 'web', ingress)).toBe('extensions/v1beta1 Ingress "web": removed in 1.22; use networking.k8s.io/v1');
    const psp = lookupDeprecatedApi('policy/v1beta1', 'PodSecurityPolicy', v('1.24'));
    expect(psp && describeVerdict('PodSecurityPolicy', '', psp)).toBe(
      'policy/v1beta1 PodSecurityPolicy: deprecated since 1.21, removed in 1.25; no replacement API; migrate away from it',
    );
  });
});

describe('parseKubeVersion', () => {
  it('reads plain, v-prefixed and vendor-suffixed versions', () => {
    expect(parseKubeVersion('1.32')).toEqual({ major: 1, minor: 32 });
    expect(parseKubeVersion('v1.31.4-eks-0a21954')).toEqual({ major: 1, minor: 31 });
    expect(parseKubeVersion('v1.30.2+k3s1')).toEqual({ major: 1, minor: 30 });
    expect(parseKubeVersion('latest')).toBeUndefined();
  });
});
