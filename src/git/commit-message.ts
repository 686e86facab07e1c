/** People as commit trailers name them: `@handle <U…>` when the handle is known, else the id. */
export interface Person {
  id: string;
  name?: string | undefined;
}

function who(p: Person): string {
  return p.name && p.name !== p.id ? `@${p.name} <${p.id}>` : `<${p.id}>`;
}

// Trailer values come from Slack ids/handles and R-… ids; a newline would forge another trailer.
const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ').trim();

/** Subject, a body line, and the trailers that tie the commit to the request (`git interpret-trailers` form). */
export function commitMessage(opts: { subject: string; body?: string; requester: Person; approvers: readonly Person[]; requestId: string }): string {
  const trailers = [
    `Requested-by: ${oneLine(who(opts.requester))}`,
    ...opts.approvers.map((a) => `Approved-by: ${oneLine(who(a))}`),
    `Shipmate-Request: ${oneLine(opts.requestId)}`,
  ];
  return [oneLine(opts.subject), '', ...(opts.body ? [opts.body.trim(), ''] : []), ...trailers, ''].join('\n');
}
