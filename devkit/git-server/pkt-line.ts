/**
 * Just enough of git's pkt-line framing to read the ref updates a client sends to
 * git-receive-pack and the report-status it gets back (protocol-common.txt, pack-protocol.txt).
 */
export interface PktLines {
  lines: Buffer[];
  /** Byte offset after the first flush packet (where a push's packfile starts). */
  end: number;
}

/** Read pkt-lines from the start of `buf` up to the first flush-pkt ("0000"). */
export function readPktLines(buf: Buffer): PktLines {
  const lines: Buffer[] = [];
  let at = 0;
  while (at + 4 <= buf.length) {
    const len = Number.parseInt(buf.subarray(at, at + 4).toString('ascii'), 16);
    if (Number.isNaN(len)) break;
    if (len === 0) return { lines, end: at + 4 };
    if (len < 4 || at + len > buf.length) break;
    lines.push(buf.subarray(at + 4, at + len));
    at += len;
  }
  return { lines, end: at };
}

export interface RefCommand {
  ref: string;
  old: string;
  new: string;
}

export interface ReceiveRequest {
  commands: RefCommand[];
  capabilities: string[];
}

/** The "<old> <new> <ref>\0caps" commands at the start of a git-receive-pack request body. */
export function parseReceiveRequest(body: Buffer): ReceiveRequest {
  const { lines } = readPktLines(body);
  const commands: RefCommand[] = [];
  let capabilities: string[] = [];
  for (const [i, raw] of lines.entries()) {
    let text = raw.toString('utf8').replace(/\n$/, '');
    const nul = text.indexOf('\0');
    if (nul >= 0) {
      if (i === 0) capabilities = text.slice(nul + 1).split(' ').filter(Boolean);
      text = text.slice(0, nul);
    }
    const m = /^([0-9a-f]{40,64}) ([0-9a-f]{40,64}) (\S+)$/.exec(text);
    if (m?.[1] && m[2] && m[3]) commands.push({ old: m[1], new: m[2], ref: m[3] });
  }
  return { commands, capabilities };
}

/**
 * The per-ref verdicts in a receive-pack response: "ok <ref>" or "ng <ref> <reason>", possibly
 * multiplexed on side-band 1.
 */
export function parseReportStatus(body: Buffer, sideBand: boolean): Map<string, string | null> {
  let report = body;
  if (sideBand) {
    const parts: Buffer[] = [];
    let at = 0;
    while (at + 4 <= body.length) {
      const len = Number.parseInt(body.subarray(at, at + 4).toString('ascii'), 16);
      if (Number.isNaN(len)) break;
      if (len === 0) {
        at += 4;
        continue;
      }
      if (body[at + 4] === 1) parts.push(body.subarray(at + 5, at + len));
      at += len;
    }
    report = Buffer.concat(parts);
  }
  const out = new Map<string, string | null>();
  for (const raw of readPktLines(report).lines) {
    const text = raw.toString('utf8').replace(/\n$/, '');
    const ok = /^ok (\S+)/.exec(text);
    if (ok?.[1]) out.set(ok[1], null);
    const ng = /^ng (\S+) ?(.*)$/.exec(text);
    if (ng?.[1]) out.set(ng[1], ng[2] ?? 'rejected');
  }
  return out;
}
