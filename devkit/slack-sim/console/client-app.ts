/**
 * Browser-side console app: role switcher, channel view with threads and ephemerals, command
 * input, button clicks; polls /console/api/state. Shipped as a string (no build step).
 */
export const CLIENT_APP_JS = String.raw`
var view = {
  role: localStorage.getItem('sim.role') || 'requester', channel: localStorage.getItem('sim.channel') || '',
  version: -1, open: {}, data: null,
};
function $(id) { return document.getElementById(id); }
function currentUser() {
  var u = (view.data && view.data.users || []).filter(function (x) { return x.role === view.role; })[0];
  return u ? u.id : '';
}
function clock(ts) { return new Date(Number(ts) * 1000).toLocaleTimeString(); }
function initial(name) { return esc(String(name || '?').charAt(0).toUpperCase()); }

function messageHtml(m, kind) {
  var eph = kind === 'ephemeral';
  var author = eph ? view.data.bot : m.author;
  var html = '<div class="msg' + (eph ? ' ephemeral' : '') + '" data-testid="' + (eph ? 'ephemeral' : kind) +
    '" data-ts="' + esc(m.ts) + '"><div class="avatar' + (eph || m.isBot ? ' bot' : '') + '">' + initial(author) + '</div>' +
    '<div class="body"><div class="meta"><b>' + esc(author) + '</b>' + (eph || m.isBot ? '<span class="tag">APP</span>' : '') +
    '<span title="' + esc(m.ts) + '">' + esc(clock(m.ts)) + '</span>' +
    (m.pinned ? '<span class="pinned" data-testid="pinned">📌 Pinned</span>' : '') + '</div>' + renderContent(m);
  if (eph) html += '<div class="only-you">👁 Only visible to you</div>';
  if (kind === 'message') html += threadHtml(m);
  return html + '</div></div>';
}
function threadHtml(m) {
  var ephs = view.data.ephemerals.filter(function (e) { return e.threadTs === m.ts; });
  var n = m.replies.length;
  if (n === 0 && ephs.length === 0) return '';
  var open = view.open[m.ts];
  var label = n + (n === 1 ? ' reply' : ' replies');
  var html = '<button class="thread-toggle" data-testid="thread-toggle" data-thread="' + esc(m.ts) + '">' +
    (open ? 'Hide ' : '') + label + '</button>';
  if (!open) return html;
  var items = m.replies.map(function (r) { return { ts: r.ts, html: messageHtml(r, 'reply') }; })
    .concat(ephs.map(function (e) { return { ts: e.ts, html: messageHtml(e, 'ephemeral') }; }));
  items.sort(function (a, b) { return Number(a.ts) - Number(b.ts); });
  return html + '<div class="thread" data-testid="thread">' + items.map(function (i) { return i.html; }).join('') + '</div>';
}

function renderHeader(d) {
  var sel = $('channel');
  sel.innerHTML = d.channels.map(function (c) {
    CHANNELS[c.id] = c.name;
    return '<option value="' + esc(c.id) + '"' + (c.id === d.channel ? ' selected' : '') + '>#' + esc(c.name) + '</option>';
  }).join('');
  $('roles').innerHTML = '<span>Acting as</span>' + d.users.map(function (u) {
    USERS[u.id] = u.name;
    return '<button type="button" data-testid="role-' + esc(u.role) + '" data-role="' + esc(u.role) + '" aria-pressed="' +
      (u.role === view.role) + '">' + esc(u.role.charAt(0).toUpperCase() + u.role.slice(1)) + ' · ' + esc(u.name) + '</button>';
  }).join('');
}
function render(d) {
  view.data = d;
  view.channel = d.channel;
  renderHeader(d);
  var main = $('messages');
  var atBottom = main.scrollHeight - main.scrollTop - main.clientHeight < 40;
  var items = d.messages.map(function (m) { return { ts: m.ts, html: messageHtml(m, 'message') }; })
    .concat(d.ephemerals.filter(function (e) { return !e.threadTs; })
      .map(function (e) { return { ts: e.ts, html: messageHtml(e, 'ephemeral') }; }));
  items.sort(function (a, b) { return Number(a.ts) - Number(b.ts); });
  main.innerHTML = items.length ? items.map(function (i) { return i.html; }).join('')
    : '<div class="empty">No messages yet. Type a slash command below.</div>';
  if (atBottom) main.scrollTop = main.scrollHeight;
}

function poll(force) {
  var q = 'channel=' + encodeURIComponent(view.channel) + '&user=' + encodeURIComponent(currentUser()) +
    '&since=' + (force ? -1 : view.version);
  return fetch('/console/api/state?' + q).then(function (r) { return r.json(); }).then(function (d) {
    if (d.unchanged) return;
    view.version = d.version;
    render(d);
  }).catch(function () { status('Simulator unreachable', true); });
}
function status(text, isError) {
  var s = $('status');
  s.textContent = text;
  s.className = 'status' + (isError ? ' error' : '');
}
function post(path, body) {
  return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    .then(function (r) { return r.json(); });
}
function describe(res) {
  if (!res.result) return res.error || 'failed';
  var r = res.result;
  return r.acked ? 'Delivered via ' + r.mode + ', acked in ' + r.ackMs + ' ms' : 'Not acknowledged by the app (' + r.mode + ', status ' + r.status + ')';
}

$('composer').addEventListener('submit', function (ev) {
  ev.preventDefault();
  var input = $('command');
  var text = input.value.trim();
  if (!text) return;
  status('Sending ' + text + ' …', false);
  post('/console/api/command', { user: currentUser(), channel: view.channel, text: text }).then(function (res) {
    status(describe(res), !res.ok);
    if (res.ok) input.value = '';
    return poll(true);
  });
});
document.addEventListener('click', function (ev) {
  var t = ev.target.closest('button');
  if (!t) return;
  if (t.dataset.role) {
    view.role = t.dataset.role;
    localStorage.setItem('sim.role', view.role);
    poll(true);
  } else if (t.dataset.thread) {
    view.open[t.dataset.thread] = !view.open[t.dataset.thread];
    render(view.data);
  } else if (t.dataset.actionId !== undefined) {
    t.disabled = true;
    post('/console/api/click', { user: currentUser(), channel: view.channel, messageTs: t.dataset.ts, actionId: t.dataset.actionId })
      .then(function (res) { status(describe(res), !res.ok); return poll(true); });
  }
});
$('channel').addEventListener('change', function (ev) {
  view.channel = ev.target.value;
  localStorage.setItem('sim.channel', view.channel);
  poll(true);
});
poll(true);
setInterval(function () { poll(false); }, 700);
`;
