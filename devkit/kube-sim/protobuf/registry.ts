import protobuf from 'protobufjs';
import { join } from 'node:path';
import { kubeSimDataPath } from '../data-path.js';

/** Group → the package path of its generated.proto under k8s.io/api. */
const GROUP_PACKAGES: Record<string, string> = {
  '': 'core',
  apps: 'apps',
  batch: 'batch',
  policy: 'policy',
  autoscaling: 'autoscaling',
  'networking.k8s.io': 'networking',
  'rbac.authorization.k8s.io': 'rbac',
  'scheduling.k8s.io': 'scheduling',
  'authentication.k8s.io': 'authentication',
  'authorization.k8s.io': 'authorization',
};

const API_FILES = ['core/v1', 'apps/v1', 'batch/v1', 'policy/v1', 'networking/v1', 'rbac/v1', 'scheduling/v1', 'autoscaling/v1', 'autoscaling/v2', 'authentication/v1', 'authorization/v1'];

/** Kinds that are defined once in meta/v1 but sent under any group version (DeleteOptions on a delete of anything). */
const META_KINDS = new Set(['DeleteOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions', 'Status']);

/**
 * The Kubernetes protobuf message types, parsed once on first use from the generated.proto files
 * kube-sim ships (Kubernetes 1.32). Field names are kept as written there (they are the JSON names).
 */
export class ProtoTypes {
  private root: protobuf.Root | undefined;

  private load(): protobuf.Root {
    if (this.root) return this.root;
    const base = kubeSimDataPath('protobuf/proto');
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => join(base, target);
    root.loadSync(
      API_FILES.map((f) => `k8s.io/api/${f}/generated.proto`),
      { keepCase: true },
    );
    root.resolveAll();
    this.root = root;
    return root;
  }

  /** The message type for apiVersion + kind, or undefined when kube-sim does not decode that kind. */
  lookup(apiVersion: string, kind: string): protobuf.Type | undefined {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    const pkg = GROUP_PACKAGES[group];
    const name = META_KINDS.has(kind) ? `k8s.io.apimachinery.pkg.apis.meta.v1.${kind}` : pkg ? `k8s.io.api.${pkg}.${version}.${kind}` : undefined;
    if (!name || !/^[A-Za-z0-9.]+$/.test(name)) return undefined;
    const found = this.load().lookup(name);
    return found instanceof protobuf.Type ? found : undefined;
  }

  /** runtime.Unknown, the envelope of every protobuf body. */
  envelope(): protobuf.Type {
    return this.load().lookupType('k8s.io.apimachinery.pkg.runtime.Unknown');
  }
}
