import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';

/** The `data` of the Slack platform error (`ok: false`) a Web API call is expected to end with. */
export async function platformError(p: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  try {
    await p;
  } catch (err) {
    const e = err as WebAPIPlatformError;
    if (e.code === ErrorCode.PlatformError) return e.data;
    throw err;
  }
  throw new Error('expected a platform error');
}
