/**
 * Browser-side rendering of mrkdwn and Block Kit (plain ES2020, shipped as a string: no build step).
 * Everything user-controlled goes through esc(); Slack's own escapes (&amp; &lt; &gt;) are undone
 * first so `&lt;` shows as `<`, exactly once.
 */
export const CLIENT_RENDER_JS = String.raw`
'use strict';
var BT = String.fromCharCode(96);
var USERS = {};
var CHANNELS = {};

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
function unslack(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
function safeUrl(u) {
  return /^(https?:|mailto:|\/)/i.test(u) ? u : '#';
}
function formatPlain(raw) {
  var h = esc(unslack(raw));
  h = h.replace(new RegExp(BT + '([^' + BT + '\\n]+)' + BT, 'g'), '<code>$1</code>');
  h = h.replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1<b>$2</b>');
  h = h.replace(/(^|[\s(])_([^_\n]+)_/g, '$1<i>$2</i>');
  h = h.replace(/(^|[\s(])~([^~\n]+)~/g, '$1<s>$2</s>');
  return h.replace(/\n/g, '<br>');
}
function formatToken(tok) {
  var bar = tok.indexOf('|');
  var target = bar >= 0 ? tok.slice(0, bar) : tok;
  var label = bar >= 0 ? tok.slice(bar + 1) : '';
  if (target.charAt(0) === '@') {
    var id = target.slice(1);
    return '<span class="mention">@' + esc(USERS[id] || label || id) + '</span>';
  }
  // <#C…> as Slack shows it: the channel's name, whatever label the sender gave.
  if (target.charAt(0) === '#') return '<span class="mention">#' + esc(CHANNELS[target.slice(1)] || label || target.slice(1)) + '</span>';
  if (target.indexOf('!date^') === 0) {
    // <!date^unix^format|fallback>: Slack shows the date in the reader's time zone.
    var secs = Number(target.split('^')[1]);
    return '<span class="date">' + esc(isFinite(secs) ? new Date(secs * 1000).toLocaleString() : label) + '</span>';
  }
  if (target.indexOf('!subteam^') === 0) return '<span class="mention">@' + esc((label || target.slice(9)).replace(/^@/, '')) + '</span>';
  if (target.charAt(0) === '!') return '<span class="mention">@' + esc(label || target.slice(1)) + '</span>';
  var url = unslack(target);
  return '<a href="' + esc(safeUrl(url)) + '" target="_blank" rel="noopener">' + esc(unslack(label || target)) + '</a>';
}
function inline(raw) {
  var out = '';
  var re = /<([^<>\n]+)>/g;
  var last = 0;
  var m;
  while ((m = re.exec(raw)) !== null) {
    out += formatPlain(raw.slice(last, m.index)) + formatToken(m[1]);
    last = re.lastIndex;
  }
  return out + formatPlain(raw.slice(last));
}
function mrkdwn(raw) {
  var fence = BT + BT + BT;
  return String(raw).split(fence).map(function (part, i) {
    if (i % 2 === 1) return '<pre class="code">' + esc(unslack(part.replace(/^\n/, ''))) + '</pre>';
    return inline(part);
  }).join('');
}
function textObj(t) {
  if (!t || typeof t.text !== 'string') return '';
  return t.type === 'mrkdwn' ? mrkdwn(t.text) : esc(t.text);
}

function button(el, ctx) {
  var text = (el.text && el.text.text) || '';
  var cls = 'btn' + (el.style === 'primary' || el.style === 'danger' ? ' ' + el.style : '');
  return '<button class="' + cls + '" data-testid="button-' + esc(text) + '" data-action-id="' + esc(el.action_id || '') +
    '" data-ts="' + esc(ctx.ts) + '">' + esc(text) + '</button>';
}
function element(el, ctx) {
  if (!el) return '';
  if (el.type === 'button') return button(el, ctx);
  if (el.type === 'image') return '<span>[' + esc(el.alt_text || 'image') + ']</span>';
  if (el.type === 'mrkdwn' || el.type === 'plain_text') return '<span>' + textObj(el) + '</span>';
  return '<span class="tag">' + esc(el.type || 'element') + '</span>';
}
function richText(b) {
  return (b.elements || []).map(function (sec) {
    var text = (sec.elements || []).map(function (e) { return e.text || (e.url ? e.url : ''); }).join('');
    if (sec.type === 'rich_text_preformatted') return '<pre class="code">' + esc(text) + '</pre>';
    return '<div>' + esc(text).replace(/\n/g, '<br>') + '</div>';
  }).join('');
}
function block(b, ctx) {
  switch (b.type) {
    case 'header': return '<div class="b-header">' + textObj(b.text) + '</div>';
    case 'divider': return '<hr class="b-divider">';
    case 'context':
      return '<div class="b-context">' + (b.elements || []).map(function (e) { return element(e, ctx); }).join('') + '</div>';
    case 'actions':
      return '<div class="b-actions">' + (b.elements || []).map(function (e) { return element(e, ctx); }).join('') + '</div>';
    case 'section': {
      var fields = b.fields ? '<div class="fields">' + b.fields.map(function (f) { return '<div>' + textObj(f) + '</div>'; }).join('') + '</div>' : '';
      var acc = b.accessory ? '<div class="accessory">' + element(b.accessory, ctx) + '</div>' : '';
      return '<div class="b-section"><div class="content">' + textObj(b.text) + fields + '</div>' + acc + '</div>';
    }
    case 'rich_text': return richText(b);
    case 'markdown': return '<div>' + mrkdwn(b.text || '') + '</div>';
    case 'image': return '<div>[image: ' + esc(b.alt_text || '') + ']</div>';
    default: return '<div class="tag">[' + esc(b.type) + ' block]</div>';
  }
}
function renderContent(m) {
  var html = m.blocks && m.blocks.length ? m.blocks.map(function (b) { return block(b, m); }).join('') : '<div class="text">' + mrkdwn(m.text || '') + '</div>';
  (m.files || []).forEach(function (f) {
    html += '<a class="file" data-testid="file" href="' + esc(f.url) + '" target="_blank">📄 <span>' + esc(f.title) +
      '</span> <small>' + f.size + ' bytes</small></a>';
  });
  if (m.edited) html += '<span class="edited">(edited)</span>';
  return html;
}
`;
