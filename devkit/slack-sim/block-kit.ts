/**
 * Block Kit limits as Slack enforces them on messages. Errors use Slack's shape:
 * `<reason> [json-pointer:/blocks/0/text/text]`.
 */

export type BlockCheck =
  | { ok: true }
  | { ok: false; error: 'invalid_blocks'; errors: string[] }
  | { ok: false; error: 'msg_blocks_too_long'; errors: string[] }
  | { ok: false; error: 'invalid_blocks_format'; errors: string[] };

/** Slack has no published number; observed cut-offs sit between 11k and 13k characters of block text. */
export const MAX_TOTAL_BLOCK_TEXT = 12_000;

const KNOWN_BLOCKS = new Set([
  'section', 'header', 'context', 'divider', 'actions', 'image', 'rich_text', 'input', 'markdown', 'file',
  'video', 'table', 'context_actions',
]);

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Collector {
  readonly errors: string[] = [];
  add(reason: string, path: string): void {
    this.errors.push(`${reason} [json-pointer:${path}]`);
  }
}

function checkLength(c: Collector, value: string | undefined, max: number, path: string, min = 0): void {
  if (value === undefined) return;
  if (value.length > max) c.add(`must be less than ${max + 1} characters`, path);
  else if (value.length < min) c.add(`must be more than ${min - 1} characters`, path);
}

function checkTextObject(c: Collector, v: unknown, max: number, path: string, plainOnly = false): void {
  if (!isObj(v) || typeof v.text !== 'string') {
    c.add('must provide an object with a text string', path);
    return;
  }
  if (v.type !== 'plain_text' && (plainOnly || v.type !== 'mrkdwn')) {
    c.add(plainOnly ? 'must be plain_text' : 'must be plain_text or mrkdwn', `${path}/type`);
  }
  checkLength(c, v.text, max, `${path}/text`, 1);
}

function checkElement(c: Collector, el: unknown, path: string, actionIds: Set<string>): void {
  if (!isObj(el)) {
    c.add('must be an object', path);
    return;
  }
  if (typeof el.action_id === 'string') {
    checkLength(c, el.action_id, 255, `${path}/action_id`);
    if (actionIds.has(el.action_id)) c.add('action_id already exists', `${path}/action_id`);
    actionIds.add(el.action_id);
  }
  if (el.type !== 'button') return;
  checkTextObject(c, el.text, 75, `${path}/text`, true);
  if (typeof el.value === 'string') checkLength(c, el.value, 2000, `${path}/value`);
  if (typeof el.url === 'string') checkLength(c, el.url, 3000, `${path}/url`);
  if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
    c.add('must be one of primary, danger', `${path}/style`);
  }
}

function checkElements(c: Collector, block: Obj, max: number, path: string, inner: (el: unknown, p: string) => void): void {
  const els = block.elements;
  if (!Array.isArray(els) || els.length === 0) {
    c.add('must provide at least 1 element', `${path}/elements`);
    return;
  }
  if (els.length > max) c.add(`must provide no more than ${max} items`, `${path}/elements`);
  els.forEach((el, i) => inner(el, `${path}/elements/${i}`));
}

function checkSection(c: Collector, b: Obj, path: string, actionIds: Set<string>): void {
  if (b.text === undefined && b.fields === undefined) c.add('must provide text or fields', path);
  if (b.text !== undefined) checkTextObject(c, b.text, 3000, `${path}/text`);
  if (b.fields !== undefined) {
    if (!Array.isArray(b.fields)) c.add('must be an array', `${path}/fields`);
    else {
      if (b.fields.length > 10) c.add('must provide no more than 10 items', `${path}/fields`);
      b.fields.forEach((f, i) => checkTextObject(c, f, 2000, `${path}/fields/${i}`));
    }
  }
  if (b.accessory !== undefined) checkElement(c, b.accessory, `${path}/accessory`, actionIds);
}

function checkBlock(c: Collector, b: unknown, path: string, blockIds: Set<string>): void {
  if (!isObj(b) || typeof b.type !== 'string') {
    c.add('must provide an object with a type', path);
    return;
  }
  if (!KNOWN_BLOCKS.has(b.type)) c.add(`unsupported type: ${b.type}`, `${path}/type`);
  if (b.block_id !== undefined) {
    const id = String(b.block_id);
    checkLength(c, id, 255, `${path}/block_id`);
    if (blockIds.has(id)) c.add('block_id already exists', `${path}/block_id`);
    blockIds.add(id);
  }
  const actionIds = new Set<string>();
  switch (b.type) {
    case 'section':
      checkSection(c, b, path, actionIds);
      break;
    case 'header':
      checkTextObject(c, b.text, 150, `${path}/text`, true);
      break;
    case 'context':
      checkElements(c, b, 10, path, () => undefined);
      break;
    case 'actions':
      checkElements(c, b, 25, path, (el, p) => checkElement(c, el, p, actionIds));
      break;
    default:
      break;
  }
}

/** Sum of every `text` string inside the blocks (what the cumulative cap counts). */
export function totalBlockText(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + totalBlockText(x), 0);
  if (!isObj(v)) return 0;
  let n = typeof v.text === 'string' ? v.text.length : 0;
  for (const [k, x] of Object.entries(v)) if (k !== 'text' || typeof x !== 'string') n += totalBlockText(x);
  return n;
}

/** Validate a message's `blocks` (already parsed). Undefined blocks are fine (text-only message). */
export function validateBlocks(blocks: unknown): BlockCheck {
  if (blocks === undefined) return { ok: true };
  if (!Array.isArray(blocks)) return { ok: false, error: 'invalid_blocks_format', errors: ['must be an array [json-pointer:/blocks]'] };
  const c = new Collector();
  if (blocks.length > 50) c.add('must provide no more than 50 items', '/blocks');
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => checkBlock(c, b, `/blocks/${i}`, blockIds));
  if (c.errors.length > 0) return { ok: false, error: 'invalid_blocks', errors: c.errors };
  const total = totalBlockText(blocks);
  if (total > MAX_TOTAL_BLOCK_TEXT) {
    return { ok: false, error: 'msg_blocks_too_long', errors: [`total block text ${total} > ${MAX_TOTAL_BLOCK_TEXT}`] };
  }
  return { ok: true };
}
