import type { KnownBlock } from '@slack/types';

/** All visible text of a message, for assertions that do not care which block holds it. */
export function allText(blocks: readonly KnownBlock[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'section':
          return [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)].join('\n');
        case 'header':
          return b.text.text;
        case 'context':
          return b.elements.map((e) => ('text' in e && typeof e.text === 'string' ? e.text : '')).join('\n');
        case 'actions':
          return b.elements.map((e) => (e.type === 'button' ? e.text.text : '')).join('\n');
        default:
          return '';
      }
    })
    .join('\n');
}

export function buttonsOf(blocks: readonly KnownBlock[]): { text: string; actionId?: string; value?: string; style?: string }[] {
  return blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.flatMap((e) =>
          e.type === 'button'
            ? [{ text: e.text.text, ...(e.action_id ? { actionId: e.action_id } : {}), ...(e.value ? { value: e.value } : {}), ...(e.style ? { style: e.style } : {}) }]
            : [],
        )
      : [],
  );
}
