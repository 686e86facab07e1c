/** A Slack-shaped failure: `{ok:false, error, ...extra}` with HTTP 200, like the real Web API. */
export class ApiFailure extends Error {
  constructor(readonly error: string, readonly extra: Record<string, unknown> = {}) {
    super(error);
    this.name = 'ApiFailure';
  }
}

export interface MethodResult {
  body: Record<string, unknown>;
  warnings?: string[];
}
