import { describe, expect, it } from 'vitest';
import { repoKey, shaOfRevision } from '../../../../src/k8s/gitops/flux-source.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('a Flux artifact revision names the commit to fetch', () => {
  it('reads Flux 2 (`<ref>@sha1:<sha>`, `sha1:<sha>`) and pre-2.0 (`<branch>/<sha>`) revisions', () => {
    expect(shaOfRevision(`main@sha1:${SHA}`)).toBe(SHA);
    expect(shaOfRevision(`refs/tags/v1.2.0@sha1:${SHA}`)).toBe(SHA);
    expect(shaOfRevision(`sha1:${SHA}`)).toBe(SHA);
    expect(shaOfRevision(`main/${SHA}`)).toBe(SHA);
  });

  it('anything else is not a Git commit Shipmate fetches', () => {
    expect(shaOfRevision(`main@sha256:${'a'.repeat(64)}`)).toBeUndefined();
    expect(shaOfRevision('latest@sha256:abc')).toBeUndefined();
    expect(shaOfRevision(`main@sha1:${SHA.slice(0, 12)}`)).toBeUndefined();
    expect(shaOfRevision('')).toBeUndefined();
  });
});

describe('a GitRepository URL matches a gitops.repos URL when they name the same repository', () => {
  it('ignores scheme, credentials, case of the host, a trailing slash and .git', () => {
    const key = repoKey('https://git.example.com/shop/deploy.git');
    for (const url of ['https://git.example.com/shop/deploy', 'https://bot:s3cret@Git.Example.com/shop/deploy/', 'ssh://git@git.example.com/shop/deploy.git', 'git@git.example.com:shop/deploy.git']) {
      expect(repoKey(url)).toBe(key);
    }
  });

  it('keeps what tells repositories apart: the path, and an explicit HTTP port', () => {
    expect(repoKey('https://git.example.com/shop/deploy')).not.toBe(repoKey('https://git.example.com/shop/other'));
    expect(repoKey('http://127.0.0.1:41000/gitops.git')).not.toBe(repoKey('http://127.0.0.1:42000/gitops.git'));
    expect(repoKey('http://127.0.0.1:41000/gitops.git')).toBe(repoKey('http://127.0.0.1:41000/gitops'));
  });
});
