import { describe, expect, it } from 'vitest';
import { CLIENT_RENDER_JS } from '../../../../devkit/slack-sim/console/client-render.js';

// The console's renderer is browser code shipped as a string; evaluate it to reach mrkdwn().
const mrkdwn = new Function(`${CLIENT_RENDER_JS}; return mrkdwn;`)() as (raw: string) => string;

describe('slack-sim console: special tokens', () => {
  it('shows a <!date^…> token as a date, not as a mention of its fallback', () => {
    const html = mrkdwn('Requested <!date^1796057304^{date_short_pretty} {time}|2026-11-30T16:48:24.052Z>');
    expect(html).toContain('<span class="date">');
    expect(html).not.toContain('@2026');
    expect(html).toContain(new Date(1796057304 * 1000).toLocaleString());
  });

  it('shows a user group as @handle (or its id), and @here as itself', () => {
    expect(mrkdwn('<!subteam^S0SRELEADS|@sre-leads>')).toBe('<span class="mention">@sre-leads</span>');
    expect(mrkdwn('<!subteam^S0SRELEADS>')).toBe('<span class="mention">@S0SRELEADS</span>');
    expect(mrkdwn('<!here>')).toBe('<span class="mention">@here</span>');
  });
});
