import type { ResourceType } from './resources.js';
import { splitApiVersion } from './resources.js';
import type { KubeObject, Obj } from './types.js';
import { isObj } from './types.js';

/**
 * Conversion between the versions of a built-in kind served from one store (HorizontalPodAutoscaler:
 * stored as autoscaling/v2, also served as autoscaling/v1), as the apiserver's conversion functions do.
 */
const CPU_DEFAULT = 80;

function cpuTarget(metrics: unknown): number | undefined {
  if (!Array.isArray(metrics)) return undefined;
  for (const m of metrics as Obj[]) {
    const r = isObj(m.resource) ? m.resource : {};
    const target = isObj(r.target) ? r.target : {};
    if (m.type === 'Resource' && r.name === 'cpu' && typeof target.averageUtilization === 'number') return target.averageUtilization;
  }
  return undefined;
}

function cpuMetric(percent: number): Obj {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } } };
}

function hpaV1ToV2(obj: KubeObject): KubeObject {
  const { targetCPUUtilizationPercentage, ...spec } = isObj(obj.spec) ? obj.spec : {};
  const status = isObj(obj.status) ? obj.status : undefined;
  const { currentCPUUtilizationPercentage, ...restStatus } = status ?? {};
  const out: KubeObject = { ...obj, spec: { ...spec, ...(typeof targetCPUUtilizationPercentage === 'number' ? { metrics: [cpuMetric(targetCPUUtilizationPercentage)] } : {}) } };
  if (status) {
    out.status = {
      ...restStatus,
      ...(typeof currentCPUUtilizationPercentage === 'number' ? { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: currentCPUUtilizationPercentage } } }] } : {}),
    };
  }
  return out;
}

function hpaV2ToV1(obj: KubeObject): KubeObject {
  const { metrics, behavior: _behavior, ...spec } = isObj(obj.spec) ? obj.spec : {};
  const target = cpuTarget(metrics);
  const status = isObj(obj.status) ? obj.status : undefined;
  const out: KubeObject = { ...obj, spec: { ...spec, ...(target !== undefined ? { targetCPUUtilizationPercentage: target } : {}) } };
  if (status) {
    const { currentMetrics, conditions: _conditions, ...rest } = status;
    const current = Array.isArray(currentMetrics) ? (currentMetrics as Obj[]).find((m) => m.type === 'Resource' && isObj(m.resource) && m.resource.name === 'cpu') : undefined;
    const pct = isObj(current?.resource) && isObj(current.resource.current) ? current.resource.current.averageUtilization : undefined;
    out.status = { ...rest, ...(typeof pct === 'number' ? { currentCPUUtilizationPercentage: pct } : {}) };
  }
  return out;
}

/** The defaults the v2 HPA gets on the way in (minReplicas 1, CPU at 80% when no metric is given). */
function defaultHpa(obj: KubeObject): KubeObject {
  const spec = isObj(obj.spec) ? obj.spec : {};
  return { ...obj, spec: { ...spec, minReplicas: spec.minReplicas ?? 1, metrics: Array.isArray(spec.metrics) && spec.metrics.length ? spec.metrics : [cpuMetric(CPU_DEFAULT)] } };
}

const isHpa = (type: ResourceType): boolean => type.group === 'autoscaling' && type.kind === 'HorizontalPodAutoscaler';

/** An incoming object (any served version, named by its apiVersion) in the storage version. */
export function toStorage(type: ResourceType, obj: KubeObject): KubeObject {
  if (!isHpa(type)) return obj;
  const version = typeof obj.apiVersion === 'string' ? splitApiVersion(obj.apiVersion).version : type.version;
  return defaultHpa(version === 'v1' ? hpaV1ToV2(obj) : obj);
}

/** A stored object as the requested version shows it. */
export function fromStorage(type: ResourceType, obj: KubeObject, version: string): KubeObject {
  return isHpa(type) && version === 'v1' ? hpaV2ToV1(obj) : obj;
}
