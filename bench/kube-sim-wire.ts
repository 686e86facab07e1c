/**
 * kube-sim's wire fidelity costs: decoding the protobuf bodies kubectl and helm send, serving the
 * OpenAPI documents (first request builds them, later ones are cached), and requests/s of a
 * client-node `list pods` loop, the hot path these features must not slow down.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startKubeSim } from '../devkit/kube-sim/index.js';
import type { SimClusterImpl } from '../devkit/kube-sim/cluster.js';
import { unknownFields } from '../devkit/kube-sim/openapi/field-validation.js';
import { SchemaModels } from '../devkit/kube-sim/openapi/model.js';
import { ProtoTypes } from '../devkit/kube-sim/protobuf/registry.js';
import type { ResourceType } from '../devkit/kube-sim/resources.js';
import { decodeProtobufBody } from '../devkit/kube-sim/protobuf/request-body.js';
import { clientNodeKubeconfig } from '../test/integration/k8s/support.js';

const DECODES = 5_000;
const LIST_REQUESTS = 2_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function wire(types: ProtoTypes, apiVersion: string, kind: string, fields: Record<string, unknown>): Buffer {
  const type = types.lookup(apiVersion, kind);
  if (!type) throw new Error(`no protobuf type for ${kind}`);
  const env = types.envelope();
  const raw = type.encode(type.fromObject(fields)).finish();
  return Buffer.concat([Buffer.from('k8s\u0000', 'latin1'), env.encode(env.fromObject({ typeMeta: { apiVersion, kind }, raw })).finish()]);
}

function timeDecodes(types: ProtoTypes, body: Buffer): number {
  const samples: number[] = [];
  for (let i = 0; i < DECODES; i++) {
    const t = performance.now();
    decodeProtobufBody(types, body);
    samples.push((performance.now() - t) * 1000);
  }
  return median(samples);
}

function protobufFigures(): void {
  const types = new ProtoTypes();
  const deployment = {
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, creationTimestamp: {} },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, strategy: {}, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }], resources: {} }] } } },
  };
  const t = performance.now();
  const deploymentBody = wire(types, 'apps/v1', 'Deployment', deployment);
  decodeProtobufBody(types, deploymentBody);
  const firstMs = performance.now() - t;
  // A helm release record: ~12 KB of gzip+base64 in data.release.
  const secretBody = wire(types, 'v1', 'Secret', {
    metadata: { name: 'sh.helm.release.v1.shop.v1', namespace: 'shop', labels: { name: 'shop', owner: 'helm', status: 'deployed', version: '1' } },
    type: 'helm.sh/release.v1',
    data: { release: Buffer.alloc(12_000, 'x') },
  });
  console.log('protobuf request bodies (decode to JSON object)');
  console.log(`  first decode incl. parsing the .proto files once : ${firstMs.toFixed(1)} ms`);
  console.log(`  Deployment (kubectl create deployment, ${deploymentBody.length} B) : ${timeDecodes(types, deploymentBody).toFixed(1)} µs median`);
  console.log(`  helm release Secret (${secretBody.length} B)        : ${timeDecodes(types, secretBody).toFixed(1)} µs median`);
}

/** What default (Warn) field validation adds to every write: the model lookup plus the schema walk. */
function validationFigure(models: SchemaModels, type: ResourceType): void {
  const body = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] }] } } } };
  const samples: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const t = performance.now();
    unknownFields(models.current(), type, 'v1', body);
    samples.push((performance.now() - t) * 1000);
  }
  console.log(`field validation of a Deployment write (model lookup + schema walk): ${median(samples).toFixed(1)} µs median`);
}

async function openApiFigures(base: string): Promise<void> {
  const timed = async (path: string): Promise<number> => {
    const t = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { Accept: 'application/json' } });
    await res.arrayBuffer();
    return performance.now() - t;
  };
  const firstV3 = await timed('/openapi/v3/apis/apps/v1');
  const firstV2 = await timed('/openapi/v2');
  const cachedV3: number[] = [];
  const cachedV2: number[] = [];
  for (let i = 0; i < 30; i++) {
    cachedV3.push(await timed('/openapi/v3/apis/apps/v1'));
    cachedV2.push(await timed('/openapi/v2'));
  }
  console.log('OpenAPI documents (HTTP round trip)');
  console.log(`  /openapi/v3/apis/apps/v1 : first ${firstV3.toFixed(1)} ms, cached ${median(cachedV3).toFixed(2)} ms median`);
  console.log(`  /openapi/v2              : first ${firstV2.toFixed(1)} ms, cached ${median(cachedV2).toFixed(2)} ms median`);
}

export async function listPodsRate(kubeconfigPath: string, kubeconfig: string, context: string): Promise<number> {
  const kc = new KubeConfig();
  kc.loadFromFile(await clientNodeKubeconfig(kubeconfigPath, kubeconfig));
  kc.setCurrentContext(context);
  const core = kc.makeApiClient(CoreV1Api);
  for (let i = 0; i < 50; i++) await core.listNamespacedPod({ namespace: 'shop' });
  const t = performance.now();
  for (let i = 0; i < LIST_REQUESTS; i++) await core.listNamespacedPod({ namespace: 'shop' });
  return LIST_REQUESTS / ((performance.now() - t) / 1000);
}

export async function run(): Promise<void> {
  protobufFigures();
  const sim = await startKubeSim();
  try {
    const dev = sim.cluster('dev');
    await dev.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    await dev.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 20, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } },
    });
    await dev.settle(60_000);
    const rate = await listPodsRate(sim.kubeconfigPath, sim.kubeconfig, 'dev');
    console.log(`client-node list pods (20 pods), ${LIST_REQUESTS} sequential requests: ${rate.toFixed(0)} req/s`);
    await openApiFigures(sim.url('dev'));
    const api = (dev as SimClusterImpl).api;
    validationFigure(new SchemaModels(api), api.typeByKind('apps/v1', 'Deployment'));
    const after = await listPodsRate(sim.kubeconfigPath, sim.kubeconfig, 'dev');
    console.log(`client-node list pods again, OpenAPI documents cached: ${after.toFixed(0)} req/s`);
  } finally {
    await sim.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
