import { describe, expect, it } from 'vitest';
import { classifyPod, selectPodsToEvict } from '../../../src/k8s/nodes/drain-filters.js';

const pod = (name: string, opts: { owner?: string; mirror?: boolean; emptyDir?: boolean; phase?: string } = {}) => ({
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'shop',
    ...(opts.owner ? { ownerReferences: [{ kind: opts.owner, name: 'o', uid: 'u', controller: true }] } : {}),
    ...(opts.mirror ? { annotations: { 'kubernetes.io/config.mirror': 'x' } } : {}),
  },
  spec: { volumes: opts.emptyDir ? [{ name: 'tmp', emptyDir: {} }] : [] },
  status: { phase: opts.phase ?? 'Running' },
});

describe('classifyPod (kubectl filter order, ignore-daemonsets + delete-emptydir-data, no force)', () => {
  it('skips DaemonSet pods and mirror pods', () => {
    expect(classifyPod(pod('ds', { owner: 'DaemonSet' }))).toEqual({ action: 'skip', warning: 'ignoring DaemonSet-managed Pods' });
    expect(classifyPod(pod('static', { mirror: true }))).toEqual({ action: 'skip' });
  });
  it('evicts emptyDir pods with a warning, refuses unmanaged running pods', () => {
    expect(classifyPod(pod('cache', { owner: 'ReplicaSet', emptyDir: true }))).toEqual({ action: 'evict', warning: 'deleting Pods with local storage' });
    expect(classifyPod(pod('bare')).action).toBe('fatal');
    expect(classifyPod(pod('done', { phase: 'Succeeded' })).action).toBe('evict');
  });
  it('groups messages and evicts nothing when one pod is fatal', () => {
    const sel = selectPodsToEvict([pod('a', { owner: 'ReplicaSet' }), pod('b', { owner: 'DaemonSet' }), pod('c'), pod('d')]);
    expect(sel.errors).toEqual(['cannot delete Pods that declare no controller (use --force to override): shop/c, shop/d']);
    expect(sel.warnings).toEqual(['ignoring DaemonSet-managed Pods: shop/b']);
  });
});
