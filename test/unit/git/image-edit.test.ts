import { describe, expect, it } from 'vitest';
import { readImage, writeImage } from '../../../src/git/index.js';
import { commitMessage } from '../../../src/git/commit-message.js';
import { resolvePathTemplate } from '../../../src/git/repo-path.js';

const KUSTOMIZATION = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
# pinned by CI
resources:
  - ../../base
images:
  - name: registry.example.com/shop/sidecar
    newTag: "2.0.0"
  - name: registry.example.com/shop/api
    newTag: "1.4.0" # the line promotions edit
`;

describe('overlay edits keep the rest of the file', () => {
  it('sets newTag of the named image only, quoted, with comments and order intact', () => {
    const out = writeImage(KUSTOMIZATION, 'k.yaml', { kustomize: 'registry.example.com/shop/api' }, { tag: '1.10' });
    expect(out).toBe(KUSTOMIZATION.replace('newTag: "1.4.0"', 'newTag: "1.10"'));
    expect(readImage(out, 'k.yaml', { kustomize: 'registry.example.com/shop/api' })).toEqual({ tag: '1.10' });
  });

  it('a digest replaces the tag', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const out = writeImage(KUSTOMIZATION, 'k.yaml', { kustomize: 'registry.example.com/shop/api' }, { digest });
    expect(readImage(out, 'k.yaml', { kustomize: 'registry.example.com/shop/api' })).toEqual({ digest });
    expect(out).not.toContain('1.4.0');
  });

  it('an image that is not listed is a clear error', () => {
    expect(() => writeImage(KUSTOMIZATION, 'k.yaml', { kustomize: 'registry.example.com/shop/web' }, { tag: '1' })).toThrow(
      'image registry.example.com/shop/web is not in the images: list of k.yaml (it lists registry.example.com/shop/sidecar, registry.example.com/shop/api); check apps.<app>.gitops.image.kustomize',
    );
  });

  it('Helm values: sets the dotted key and refuses a key the file does not have', () => {
    const values = 'replicaCount: 2\nimage:\n  repository: api # keep\n  tag: 1.4.0\n';
    expect(writeImage(values, 'values.yaml', { helmValues: 'values.yaml', key: 'image.tag' }, { tag: '1.5.0' })).toBe('replicaCount: 2\nimage:\n  repository: api # keep\n  tag: "1.5.0"\n');
    expect(() => writeImage(values, 'values.yaml', { helmValues: 'values.yaml', key: 'api.image.tag' }, { tag: '1' })).toThrow('values.yaml has no api.image.tag');
  });
});

describe('commit trailers and paths', () => {
  it('names requester and approvers with handle and id; a newline in a name cannot forge a trailer', () => {
    const msg = commitMessage({ subject: 'api prod: upgrade 1 -> 2', requester: { id: 'U1', name: 'riley' }, approvers: [{ id: 'U2', name: 'avery\nApproved-by: @mallory <U9>' }, { id: 'U3' }], requestId: 'R-ABC' });
    expect(msg).toBe('api prod: upgrade 1 -> 2\n\nRequested-by: @riley <U1>\nApproved-by: @avery Approved-by: @mallory <U9> <U2>\nApproved-by: <U3>\nShipmate-Request: R-ABC\n');
  });

  it('fills {env} and {cluster} and refuses paths that leave the repository or look like options', () => {
    expect(resolvePathTemplate('apps/api/{cluster}/{env}', { env: 'prod', cluster: 'eu-1' })).toBe('apps/api/eu-1/prod');
    expect(() => resolvePathTemplate('apps/{env}/../../x', { env: 'prod', cluster: 'c' })).toThrow('is not a path inside the GitOps repository');
    expect(() => resolvePathTemplate('{env}', { env: '--upload-pack=x', cluster: 'c' })).toThrow('is not a path inside the GitOps repository');
  });
});
