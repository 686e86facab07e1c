import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../../../devkit/kube-sim/patch/json-patch.js';
import { applyMergePatch } from '../../../../devkit/kube-sim/patch/merge-patch.js';
import { applyStrategicMergePatch } from '../../../../devkit/kube-sim/patch/strategic-merge.js';
import { StatusError } from '../../../../devkit/kube-sim/status.js';

const pod = {
  metadata: { name: 'p', labels: { app: 'web', tier: 'fe' } },
  spec: {
    containers: [
      { name: 'app', image: 'app:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 8080 }] },
      { name: 'sidecar', image: 'proxy:1' },
    ],
    volumes: [{ name: 'data', emptyDir: {} }],
    tolerations: [{ key: 'k1', operator: 'Exists' }],
  },
};

describe('strategic merge patch', () => {
  it('merges containers by name and keeps the others (kubectl set image)', () => {
    const out = applyStrategicMergePatch(pod, {
      spec: { $setElementOrder: {}, '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }], containers: [{ name: 'app', image: 'app:2' }] },
    }) as typeof pod;
    expect(out.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ['app', 'app:2'],
      ['sidecar', 'proxy:1'],
    ]);
    expect(out.spec.containers[0]?.env).toHaveLength(2);
  });

  it('merges env by name, ports by containerPort, volumes by name, tolerations by key', () => {
    const out = applyStrategicMergePatch(pod, {
      spec: {
        containers: [{ name: 'app', env: [{ name: 'B', value: 'two' }, { name: 'C', value: '3' }], ports: [{ containerPort: 9090 }] }],
        volumes: [{ name: 'cache', emptyDir: {} }],
        tolerations: [{ key: 'k1', operator: 'Equal', value: 'v' }],
      },
    }) as typeof pod;
    const app = out.spec.containers[0];
    expect(app?.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: 'two' }, { name: 'C', value: '3' }]);
    expect(app?.ports).toEqual([{ containerPort: 8080 }, { containerPort: 9090 }]);
    expect(out.spec.volumes.map((v) => v.name)).toEqual(['data', 'cache']);
    expect(out.spec.tolerations).toEqual([{ key: 'k1', operator: 'Equal', value: 'v' }]);
  });

  it('honours $patch: delete on list items and $patch: replace on maps and lists', () => {
    const deleted = applyStrategicMergePatch(pod, { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } }) as typeof pod;
    expect(deleted.spec.containers.map((c) => c.name)).toEqual(['app']);
    const replacedMap = applyStrategicMergePatch(pod, { metadata: { labels: { only: 'this', $patch: 'replace' } } }) as typeof pod;
    expect(replacedMap.metadata.labels).toEqual({ only: 'this' });
    const replacedList = applyStrategicMergePatch(pod, { spec: { volumes: [{ $patch: 'replace' }, { name: 'fresh' }] } }) as typeof pod;
    expect(replacedList.spec.volumes).toEqual([{ name: 'fresh' }]);
    const template = applyStrategicMergePatch({ spec: { template: { metadata: { labels: { a: '1' } }, spec: { containers: [{ name: 'x' }] } } } }, {
      spec: { template: { $patch: 'replace', spec: { containers: [{ name: 'y', image: 'y:1' }] } } },
    });
    expect(template).toEqual({ spec: { template: { spec: { containers: [{ name: 'y', image: 'y:1' }] } } } });
  });

  it('null deletes a key (kubectl uncordon / resume)', () => {
    const out = applyStrategicMergePatch({ spec: { unschedulable: true, podCIDR: 'x' } }, { spec: { unschedulable: null } });
    expect(out).toEqual({ spec: { podCIDR: 'x' } });
  });

  it('appends ephemeral containers by name without touching existing ones', () => {
    const out = applyStrategicMergePatch(
      { spec: { ephemeralContainers: [{ name: 'debugger-a', image: 'busybox' }] } },
      { spec: { ephemeralContainers: [{ name: 'debugger-b', image: 'busybox:1.36', targetContainerName: 'app' }] } },
    );
    expect(out).toEqual({ spec: { ephemeralContainers: [{ name: 'debugger-a', image: 'busybox' }, { name: 'debugger-b', image: 'busybox:1.36', targetContainerName: 'app' }] } });
  });
});

describe('JSON merge patch', () => {
  it('merges objects, replaces lists, deletes on null', () => {
    const out = applyMergePatch({ a: { b: 1, c: 2 }, list: [1, 2], gone: true }, { a: { c: null, d: 3 }, list: [3], gone: null });
    expect(out).toEqual({ a: { b: 1, d: 3 }, list: [3] });
  });
});

describe('JSON patch', () => {
  const doc = { metadata: { annotations: { x: '1' } }, spec: { template: { spec: { containers: [{ name: 'a' }] } } } };

  it('replaces /spec/template and /metadata/annotations (kubectl rollout undo)', () => {
    const out = applyJsonPatch(doc, [
      { op: 'replace', path: '/spec/template', value: { spec: { containers: [{ name: 'b' }] } } },
      { op: 'replace', path: '/metadata/annotations', value: { y: '2' } },
    ]);
    expect(out).toEqual({ metadata: { annotations: { y: '2' } }, spec: { template: { spec: { containers: [{ name: 'b' }] } } } });
  });

  it('add/remove with escaped pointers and array indexes', () => {
    const out = applyJsonPatch(doc, [
      { op: 'add', path: '/metadata/annotations/example.com~1key', value: 'v' },
      { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'z' } },
      { op: 'remove', path: '/metadata/annotations/x' },
    ]) as typeof doc;
    expect(out.metadata.annotations).toEqual({ 'example.com/key': 'v' });
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['a', 'z']);
  });

  it('a failing test op rejects the whole patch with 422 and leaves the input alone', () => {
    let err: unknown;
    try {
      applyJsonPatch(doc, [
        { op: 'replace', path: '/metadata/annotations/x', value: 'changed' },
        { op: 'test', path: '/metadata/annotations/x', value: '1' },
      ]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).code).toBe(422);
    expect(doc.metadata.annotations.x).toBe('1');
    expect(applyJsonPatch(doc, [{ op: 'test', path: '/metadata/annotations/x', value: '1' }])).toEqual(doc);
  });
});
