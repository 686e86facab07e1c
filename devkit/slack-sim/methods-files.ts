import { ApiFailure, type MethodResult } from './api-failure.js';
import { BOT } from './state.js';
import type { SimState } from './state.js';
import type { SimFile } from './types.js';

type Args = Record<string, unknown>;

function fileShape(f: SimFile): Record<string, unknown> {
  return {
    id: f.id, name: f.name, title: f.title, size: f.length, mimetype: 'text/plain', filetype: 'text',
    url_private: f.url, permalink: f.url, user: BOT.userId,
  };
}

function getUploadUrl(s: SimState, args: Args): MethodResult {
  const filename = typeof args.filename === 'string' ? args.filename : '';
  const length = Number(args.length);
  if (filename === '' || !Number.isFinite(length) || length <= 0) throw new ApiFailure('invalid_arguments');
  const id = `F0SIM${String(s.seq()).padStart(5, '0')}`;
  const file: SimFile = {
    id, name: filename, title: filename, length, content: '', bytes: Buffer.alloc(0),
    url: `${s.url}/files/${id}`, uploaded: false, completed: false,
  };
  s.files.push(file);
  return { body: { upload_url: `${s.url}/upload/${id}`, file_id: id } };
}

/** The upload step (POST bytes to upload_url). Returns false for unknown ids. */
export function storeUpload(s: SimState, id: string, bytes: Buffer): boolean {
  const f = s.files.find((x) => x.id === id);
  if (!f || f.completed) return false;
  f.bytes = bytes;
  f.content = bytes.toString('utf8');
  f.length = bytes.length;
  f.uploaded = true;
  return true;
}

function completeUpload(s: SimState, args: Args): MethodResult {
  const entries = Array.isArray(args.files) ? (args.files as { id?: unknown; title?: unknown }[]) : undefined;
  if (!entries || entries.length === 0) throw new ApiFailure('invalid_arguments');
  const files = entries.map((e) => {
    const f = s.files.find((x) => x.id === e.id);
    if (!f || !f.uploaded) throw new ApiFailure('file_not_found');
    if (typeof e.title === 'string' && e.title !== '') f.title = e.title;
    return f;
  });
  const channelRef = typeof args.channel_id === 'string' ? args.channel_id : (typeof args.channels === 'string' ? args.channels : '');
  const threadTs = typeof args.thread_ts === 'string' && args.thread_ts !== '' ? args.thread_ts : undefined;
  const comment = typeof args.initial_comment === 'string' ? args.initial_comment : undefined;
  if (channelRef !== '') {
    const ch = s.ws.resolveChannel(channelRef.split(',')[0] ?? '');
    if (!ch) throw new ApiFailure('channel_not_found');
    if (threadTs !== undefined && !s.ws.find(ch.id, threadTs)) throw new ApiFailure('invalid_thread_ts');
    for (const f of files) {
      f.channel = ch.id;
      if (threadTs !== undefined) f.threadTs = threadTs;
      if (comment !== undefined) f.initialComment = comment;
    }
    s.ws.post({ channel: ch.id, text: comment ?? '', blocks: [], botId: BOT.botId, files, ...(threadTs !== undefined ? { threadTs } : {}) });
  }
  for (const f of files) f.completed = true;
  return { body: { files: files.map(fileShape) } };
}

export const fileMethods: Record<string, (s: SimState, args: Args) => MethodResult> = {
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
};
