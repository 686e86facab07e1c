import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CancelledError, ConflictError, ForbiddenError, InvalidError, NotFoundError, UnavailableError } from '../../../src/core/errors.js';
import { translateApiError } from '../../../src/k8s/client/api-errors.js';
import { requestInfo } from '../../../src/k8s/client/request-info.js';
import { withRetry } from '../../../src/k8s/client/retry.js';

const ex = (code: number, body: object) => new ApiException(code, 'x', JSON.stringify(body), { authorization: 'Bearer SECRETTOKEN' });
const what = { verb: 'patch', resource: 'deployments', name: 'api', namespace: 'shop' };

describe('translateApiError', () => {
  it('names the verb and resource on 403 and never leaks the exception text', () => {
    const err = translateApiError(ex(403, { reason: 'Forbidden', message: 'user x cannot' }), what);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.userMessage).toBe('Kubernetes refused: cannot patch deployments in namespace shop (403 Forbidden)');
    expect(err.userMessage).not.toContain('SECRETTOKEN');
  });
  it('maps 404, 409, 422, 5xx and network errors', () => {
    expect(translateApiError(ex(404, {}), what)).toBeInstanceOf(NotFoundError);
    const conflict = translateApiError(ex(409, { reason: 'Conflict' }), what);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.retryable).toBe(true);
    expect(translateApiError(ex(409, { reason: 'AlreadyExists' }), what).retryable).toBe(false);
    const invalid = translateApiError(ex(422, { details: { causes: [{ field: 'spec.replicas', message: 'must be >= 0' }] } }), what);
    expect(invalid).toBeInstanceOf(InvalidError);
    expect(invalid.userMessage).toContain('spec.replicas: must be >= 0');
    expect(translateApiError(ex(503, {}), what)).toBeInstanceOf(UnavailableError);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(translateApiError(refused, what).retryable).toBe(true);
  });
});

describe('withRetry', () => {
  it('retries conflicts at once and gives up with a clear message', async () => {
    let calls = 0;
    const value = await withRetry(async () => {
      calls++;
      if (calls < 3) throw new ConflictError('conflict');
      return 'ok';
    }, { retries: 3, baseMs: 1 });
    expect(value).toBe('ok');
    await expect(withRetry(async () => { throw new UnavailableError('down'); }, { retries: 2, baseMs: 1 })).rejects.toThrow('down; gave up after 3 attempts');
  });
  it('does not retry non-retryable errors and honours abort', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw new NotFoundError('gone'); }, { retries: 3, baseMs: 1 })).rejects.toBeInstanceOf(NotFoundError);
    expect(calls).toBe(1);
    const ac = new AbortController();
    ac.abort();
    await expect(withRetry(async () => 1, { retries: 1, baseMs: 1, signal: ac.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('requestInfo', () => {
  it('derives RBAC verbs and resources from paths', () => {
    expect(requestInfo('GET', 'http://h/apis/apps/v1/namespaces/shop/deployments/api')).toEqual({ verb: 'get', resource: 'deployments', namespace: 'shop', name: 'api' });
    expect(requestInfo('GET', 'http://h/api/v1/pods?watch=true').verb).toBe('watch');
    expect(requestInfo('POST', 'http://h/api/v1/namespaces/s/pods/p/eviction').resource).toBe('pods/eviction');
    expect(requestInfo('PATCH', 'http://h/api/v1/nodes/n1')).toEqual({ verb: 'patch', resource: 'nodes', name: 'n1' });
  });
});
