import type { ThreadNote } from '../../core/notifier.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { sectionBody, sectionPlain } from './result-items.js';
import { workloadStatusSections } from './workload-status.js';

/** A thread reply long enough to become a file anyway; a code block may use all of it. */
const NOTE_MAX = 1_000_000;

/** A thread reply as mrkdwn (for the message) and as plain text (for a file, when it is long). */
export function renderThreadNote(note: ThreadNote): { mrkdwn: string; plain: string } {
  switch (note.kind) {
    case 'step':
      return { mrkdwn: escapeMrkdwn(note.text), plain: note.text };
    case 'reminder':
      return { mrkdwn: `:pushpin: *Reminder:* ${escapeMrkdwn(note.text)}`, plain: `Reminder: ${note.text}` };
    case 'section':
      return { mrkdwn: `*${escapeMrkdwn(note.section.title)}*\n${sectionBody(note.section, NOTE_MAX)}`, plain: sectionPlain(note.section) };
    case 'report': {
      const parts = workloadStatusSections(note.report).map((section) => renderThreadNote({ kind: 'section', section }));
      return { mrkdwn: parts.map((p) => p.mrkdwn).join('\n'), plain: parts.map((p) => p.plain).join('\n\n') };
    }
    case 'interrupted': {
      const said =
        `${note.requestId} was interrupted: the worker running it stopped mid-operation. It was not re-run; ` +
        `check ${note.target ?? 'the target'} before making a new request.\nCurrent state: ${note.currentState}`;
      return { mrkdwn: `:warning: ${escapeMrkdwn(said)}`, plain: said };
    }
  }
}
