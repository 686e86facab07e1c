import protobuf from 'protobufjs';
import { goDuration, rfc3339Micro, rfc3339Seconds } from './go-format.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Decoded = Record<string, unknown>;

/**
 * Numeric and boolean fields whose zero value a JSON client sends: Go pointers (`*int32 replicas`)
 * and fields without `omitempty`. Go's protobuf marshaller writes every non-pointer scalar, so on
 * the wire a zero is only meaningful for these; all other zeros are dropped as `omitempty` would.
 */
const KEEP_ZERO = new Set([
  'DeploymentSpec.replicas', 'DeploymentSpec.revisionHistoryLimit', 'DeploymentSpec.progressDeadlineSeconds',
  'ReplicaSetSpec.replicas', 'StatefulSetSpec.replicas', 'StatefulSetSpec.revisionHistoryLimit', 'DaemonSetSpec.revisionHistoryLimit',
  'JobSpec.parallelism', 'JobSpec.completions', 'JobSpec.activeDeadlineSeconds', 'JobSpec.backoffLimit', 'JobSpec.backoffLimitPerIndex',
  'JobSpec.maxFailedIndexes', 'JobSpec.ttlSecondsAfterFinished', 'JobSpec.suspend', 'JobSpec.manualSelector',
  'CronJobSpec.startingDeadlineSeconds', 'CronJobSpec.suspend', 'CronJobSpec.successfulJobsHistoryLimit', 'CronJobSpec.failedJobsHistoryLimit',
  'PodSpec.terminationGracePeriodSeconds', 'PodSpec.activeDeadlineSeconds', 'PodSpec.automountServiceAccountToken', 'PodSpec.shareProcessNamespace',
  'PodSpec.priority', 'PodSpec.enableServiceLinks', 'PodSpec.hostUsers', 'PodSpec.setHostnameAsFQDN',
  'SecurityContext.runAsUser', 'SecurityContext.runAsGroup', 'SecurityContext.runAsNonRoot', 'SecurityContext.privileged',
  'SecurityContext.readOnlyRootFilesystem', 'SecurityContext.allowPrivilegeEscalation',
  'PodSecurityContext.runAsUser', 'PodSecurityContext.runAsGroup', 'PodSecurityContext.runAsNonRoot', 'PodSecurityContext.fsGroup',
  'ServiceAccount.automountServiceAccountToken', 'Secret.immutable', 'ConfigMap.immutable',
  'ContainerPort.containerPort', 'ServicePort.port', 'PriorityClass.value',
  'HorizontalPodAutoscalerSpec.minReplicas', 'HorizontalPodAutoscalerSpec.maxReplicas', 'MetricTarget.averageUtilization',
  'HPAScalingRules.stabilizationWindowSeconds', 'HPAScalingPolicy.value', 'HPAScalingPolicy.periodSeconds',
  'SecretVolumeSource.defaultMode', 'SecretVolumeSource.optional', 'ConfigMapVolumeSource.defaultMode', 'ConfigMapVolumeSource.optional',
  'ProjectedVolumeSource.defaultMode', 'KeyToPath.mode', 'SecretKeySelector.optional', 'ConfigMapKeySelector.optional',
  'DeleteOptions.gracePeriodSeconds', 'DeleteOptions.orphanDependents', 'DeleteOptions.ignoreStoreReadErrorWithClusterBreakingPotential',
  'ObjectMeta.deletionGracePeriodSeconds', 'OwnerReference.controller', 'OwnerReference.blockOwnerDeletion',
  'TokenRequestSpec.expirationSeconds', 'ServiceSpec.allocateLoadBalancerNodePorts',
]);

/**
 * Go structs embedded with `json:",inline"`: a field of their own in protobuf, their fields
 * spliced into the parent in JSON (found by comparing the 1.32 protos with the 1.32 OpenAPI).
 */
const INLINE = new Set([
  'ConfigMapEnvSource.localObjectReference', 'ConfigMapKeySelector.localObjectReference', 'ConfigMapProjection.localObjectReference',
  'ConfigMapVolumeSource.localObjectReference', 'SecretEnvSource.localObjectReference', 'SecretKeySelector.localObjectReference',
  'SecretProjection.localObjectReference', 'EphemeralContainer.ephemeralContainerCommon', 'PersistentVolumeSpec.persistentVolumeSource',
  'Probe.handler', 'Volume.volumeSource', 'IngressRule.ingressRuleValue',
]);

/** Protobuf field names that differ from the JSON names (Go initialisms). */
const RENAMED: Record<string, string> = { 'IngressClassParametersReference.aPIGroup': 'apiGroup', 'BoundObjectReference.uID': 'uid' };

const META = '.k8s.io.apimachinery.pkg.apis.meta.v1.';

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  const long = value as { toNumber?: () => number } | null;
  return typeof long?.toNumber === 'function' ? long.toNumber() : Number(value);
}

function parseRaw(raw: unknown): Json | undefined {
  if (!(raw instanceof Uint8Array) || raw.length === 0) return undefined;
  return JSON.parse(Buffer.from(raw).toString('utf8')) as Json;
}

/** Types whose JSON form is not an object of their fields; undefined means "omit the field". */
function special(type: protobuf.Type, msg: Decoded): { json: Json | undefined } | undefined {
  // Go writes a zero Time as an empty message; protobufjs then serves the field defaults from the prototype.
  const has = (name: string): boolean => Object.prototype.hasOwnProperty.call(msg, name);
  switch (type.fullName) {
    case `${META}Time`:
      return { json: !has('seconds') ? undefined : rfc3339Seconds(toNumber(msg.seconds)) };
    case `${META}MicroTime`:
      return { json: !has('seconds') ? undefined : rfc3339Micro(toNumber(msg.seconds), toNumber(msg.nanos ?? 0)) };
    case `${META}Duration`:
      return { json: goDuration(toNumber(msg.duration ?? 0)) };
    case `${META}FieldsV1`:
    case '.k8s.io.apimachinery.pkg.runtime.RawExtension':
      return { json: parseRaw(msg.raw) };
    case '.k8s.io.apimachinery.pkg.api.resource.Quantity':
      return { json: typeof msg.string === 'string' ? msg.string : '0' };
    case '.k8s.io.api.authorization.v1.ExtraValue':
    case '.k8s.io.api.authentication.v1.ExtraValue':
      // Go's `type ExtraValue []string`: a message with one repeated field on the wire, a list in JSON.
      return { json: Array.isArray(msg.items) ? (msg.items as string[]) : [] };
    case '.k8s.io.apimachinery.pkg.util.intstr.IntOrString':
      return { json: toNumber(msg.type ?? 0) === 1 ? String(msg.strVal ?? '') : toNumber(msg.intVal ?? 0) };
    default:
      return undefined;
  }
}

function scalar(field: protobuf.Field, value: unknown): Json {
  if (field.type === 'bytes') return Buffer.from(value as Uint8Array).toString('base64');
  if (typeof value === 'object' && value !== null) return toNumber(value);
  return value as Json;
}

function isZero(value: Json): boolean {
  return value === '' || value === 0 || value === false;
}

function convertValue(field: protobuf.Field, value: unknown): Json | undefined {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return messageToJson(resolved, value as Decoded);
  return scalar(field, value);
}

function convertField(type: protobuf.Type, field: protobuf.Field, value: unknown): Json | undefined {
  if (field instanceof protobuf.MapField) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const converted = convertValue(field, v);
      if (converted !== undefined) out[k] = converted;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (field.repeated) {
    const items = (value as unknown[]).map((v) => convertValue(field, v) ?? null);
    return items.length ? items : undefined;
  }
  const converted = convertValue(field, value);
  if (converted !== undefined && field.resolvedType === null && isZero(converted) && !(converted !== '' && KEEP_ZERO.has(`${type.name}.${field.name}`))) return undefined;
  return converted;
}

/**
 * A decoded protobuf message as the JSON object a JSON client would have sent for the same Go
 * value: int-or-string, Quantity, Time and Duration in their text forms, bytes in base64, unset and
 * omitempty fields left out, embedded JSON (RawExtension, FieldsV1) parsed.
 */
export function messageToJson(type: protobuf.Type, msg: Decoded): Json | undefined {
  const sp = special(type, msg);
  if (sp) return sp.json;
  const out: Record<string, Json> = {};
  for (const field of type.fieldsArray) {
    if (!Object.prototype.hasOwnProperty.call(msg, field.name)) continue;
    const key = `${type.name}.${field.name}`;
    const converted = convertField(type, field, msg[field.name]);
    if (converted === undefined) continue;
    if (INLINE.has(key) && typeof converted === 'object' && converted !== null && !Array.isArray(converted)) Object.assign(out, converted);
    else out[RENAMED[key] ?? field.name] = converted;
  }
  return out;
}
