import type { ThreadNote } from '../../core/notifier.js';

/** Thread notes wait in a Redis list as JSON until their flush renders them. */
export function encodeThreadNote(note: ThreadNote): string {
  return JSON.stringify(note);
}

/**
 * The note a buffered line holds. A line that is not a note (buffered by a release that stored
 * text) is shown as a plain step: escaped, never as markup.
 */
export function decodeThreadNote(line: string): ThreadNote {
  try {
    const v: unknown = JSON.parse(line);
    if (isNote(v)) return v;
  } catch {
    // not JSON: an older plain-text line
  }
  return { kind: 'step', text: line };
}

function isNote(v: unknown): v is ThreadNote {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  switch (o['kind']) {
    case 'step':
    case 'reminder':
      return typeof o['text'] === 'string';
    case 'section': {
      const s = o['section'] as Record<string, unknown> | undefined;
      return !!s && typeof s['title'] === 'string' && typeof s['text'] === 'string';
    }
    case 'report': {
      const r = o['report'] as Record<string, unknown> | undefined;
      return !!r && typeof r['workload'] === 'string' && Array.isArray(r['versions']) && Array.isArray(r['warnings']);
    }
    case 'interrupted':
      return typeof o['requestId'] === 'string' && typeof o['currentState'] === 'string';
    default:
      return false;
  }
}
