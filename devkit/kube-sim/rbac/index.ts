import type { Call } from '../call.js';
import { enforceRbac } from './enforce.js';
import { requestUser } from './identity.js';
import { isReview, serveReview } from './reviews.js';

/**
 * The authorization front of a resource request: resolve the (possibly impersonated) user, check
 * RBAC for impersonated users, and answer review objects. Returns the status code when it served
 * the request, undefined when the normal handlers should.
 */
export function authorizeCall(call: Call): number | undefined {
  const user = requestUser(call.req);
  enforceRbac(call.ctx.api, call.req, user, call.route, call.query);
  return isReview(call.route.type) ? serveReview(call, user) : undefined;
}
