import { describe, expect, it } from 'vitest';
import { parseImageRef } from '../../../src/commands/index.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('parseImageRef', () => {
  it.each([
    ['v1.4.2', { tag: 'v1.4.2' }],
    ['1.27_build-3', { tag: '1.27_build-3' }],
    [DIGEST, { digest: DIGEST }],
    [`@${DIGEST}`, { digest: DIGEST }],
    ['nginx:1.27', { repository: 'nginx', tag: '1.27' }],
    ['shop/api:v1', { repository: 'shop/api', tag: 'v1' }],
    ['ghcr.io/acme/shop/api:v1', { registry: 'ghcr.io', repository: 'acme/shop/api', tag: 'v1' }],
    ['localhost:5000/api:dev', { registry: 'localhost:5000', repository: 'api', tag: 'dev' }],
    ['localhost/api:dev', { registry: 'localhost', repository: 'api', tag: 'dev' }],
    [`registry.example.com:443/a__b/c-d.e@${DIGEST}`, { registry: 'registry.example.com:443', repository: 'a__b/c-d.e', digest: DIGEST }],
    [`api:v1@${DIGEST}`, { repository: 'api', tag: 'v1', digest: DIGEST }],
  ])('accepts %s', (text, expected) => {
    expect(parseImageRef(text)).toEqual(expected);
  });

  it.each([
    ['Shop/API:v1', 'lowercase'],
    ['shop/api', 'give a tag or digest'],
    ['shop//api:v1', 'lowercase'],
    ['shop/api_:v1', 'lowercase'],
    ['shop/api:.v1', 'not a valid tag'],
    [`shop/api:${'a'.repeat(129)}`, 'not a valid tag'],
    ['host:99999/api:v1', 'registry'],
    ['-bad.io/api:v1', 'registry'],
    ['api@sha256:ABC', 'digest'],
    ['api@md5:abc', 'digest'],
    ['', 'lowercase'],
    [`${'a/'.repeat(200)}a:v1`, 'longer than 255'],
    [`${'a/'.repeat(300)}a:v1`, 'too long'],
  ])('rejects case %#', (text, reason) => {
    const r = parseImageRef(text);
    expect(typeof r).toBe('string');
    expect(r).toContain(reason);
  });
});
