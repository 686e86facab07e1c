/** The shapes resource definitions are written in (resources.ts, resources-extra.ts). */
export interface SubresourceType {
  name: string;
  kind: string;
  verbs: string[];
  group?: string;
  version?: string;
}

/** One built-in resource as the registry's tables define it. */
export interface Def {
  plural: string;
  kind: string;
  namespaced?: boolean;
  short?: string[];
  sub?: SubresourceType[];
  cat?: string[];
  verbs?: string[];
  /** More versions served from the same store (converted on the way in and out). */
  also?: string[];
}
