import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Write objects as a JSON manifest file for `kubectl apply -f` / `create -f` and return its path. */
export async function manifest(...objects: object[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-sim-manifest-'));
  const path = join(dir, 'objects.json');
  const body = objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects };
  await writeFile(path, JSON.stringify(body));
  return path;
}
