import type { KubeObject } from '../../types.js';
import type { ResourceRef } from '../apply.js';
import { decorate } from '../apply.js';
import type { GitOpsContext } from '../context.js';
import type { SourceType } from '../render.js';
import { renderPath } from '../render.js';
import { parseAllDocuments } from 'yaml';
import { splitApiVersion } from '../../resources.js';
import type { AppSource, AppSpec } from './types.js';
import { INSTANCE_LABEL, TRACKING_ID } from './types.js';

/** `argo-api:apps/Deployment:shop/argo-api`, the annotation-based tracking id Argo CD writes. */
export function trackingId(app: string, obj: KubeObject): string {
  const { group } = splitApiVersion(obj.apiVersion);
  return `${app}:${group}/${obj.kind}:${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

/** The app a live object belongs to, from its tracking id (undefined when it carries none). */
export function trackedApp(obj: KubeObject): string | undefined {
  const id = obj.metadata.annotations?.[TRACKING_ID];
  const colon = id?.indexOf(':') ?? -1;
  return id && colon > 0 ? id.slice(0, colon) : undefined;
}

export function refFromTracked(obj: KubeObject): ResourceRef {
  const { group, version } = splitApiVersion(obj.apiVersion);
  return { group, version, kind: obj.kind, ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}), name: obj.metadata.name };
}

function helmValues(source: AppSource): unknown {
  if (source.helm?.valuesObject !== undefined) return source.helm.valuesObject;
  if (!source.helm?.values) return undefined;
  return parseAllDocuments(source.helm.values)[0]?.toJS() as unknown;
}

export interface DesiredState {
  sha: string;
  sourceType: SourceType;
  objects: KubeObject[];
}

/** Render an Application's source at one commit and stamp Argo CD's tracking on every object. */
export async function renderApp(ctx: GitOpsContext, appName: string, spec: AppSpec, source: AppSource, sha: string): Promise<DesiredState> {
  const root = await ctx.cache.checkout(source.repoURL, sha);
  const namespace = spec.destination?.namespace ?? 'default';
  const values = helmValues(source);
  const rendered = await renderPath({
    tools: ctx.tools,
    root,
    path: source.path ?? '.',
    cacheRoot: ctx.scratch,
    helm: {
      releaseName: source.helm?.releaseName ?? appName,
      namespace,
      ...(source.helm?.valueFiles ? { valueFiles: source.helm.valueFiles } : {}),
      ...(values !== undefined ? { values } : {}),
    },
    recurse: source.directory?.recurse ?? false,
  });
  const objects = decorate(ctx.api, rendered.objects, {
    defaultNamespace: namespace,
    labels: () => ({ [INSTANCE_LABEL]: appName }),
    annotations: (o) => ({ [TRACKING_ID]: trackingId(appName, o) }),
  });
  return { sha, sourceType: rendered.sourceType, objects };
}
