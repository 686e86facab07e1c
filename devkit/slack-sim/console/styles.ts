/** Console CSS: a quiet Slack-like look; kept here so the console ships without a build step. */
export const CONSOLE_CSS = String.raw`
:root { --fg:#1d1c1d; --muted:#616061; --line:#e2e2e2; --bg:#fff; --side:#3f0e40; --accent:#1264a3;
  --green:#007a5a; --red:#e01e5a; --eph:#f4f8fb; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color:var(--fg);
  background:var(--bg); display:flex; flex-direction:column; height:100vh; }
header { display:flex; align-items:center; gap:16px; padding:10px 16px; background:var(--side); color:#fff; }
header h1 { font-size:16px; margin:0; font-weight:700; }
header select { font:inherit; padding:4px 6px; border-radius:6px; border:0; }
.roles { display:flex; gap:4px; margin-left:auto; align-items:center; }
.roles span { opacity:.8; font-size:13px; margin-right:4px; }
.roles button { font:inherit; font-size:13px; padding:4px 10px; border-radius:14px; border:1px solid #fff6;
  background:transparent; color:#fff; cursor:pointer; }
.roles button[aria-pressed="true"] { background:#fff; color:var(--side); font-weight:700; }
main { flex:1; overflow-y:auto; padding:8px 0; }
.empty { color:var(--muted); padding:24px; text-align:center; }
.msg { display:flex; gap:10px; padding:6px 16px; }
.msg:hover { background:#f8f8f8; }
.avatar { width:36px; height:36px; border-radius:6px; background:#4a154b; color:#fff; display:flex; align-items:center;
  justify-content:center; font-weight:700; flex:none; }
.avatar.bot { background:var(--green); }
.body { min-width:0; flex:1; }
.meta { font-size:13px; color:var(--muted); }
.meta b { color:var(--fg); font-size:15px; margin-right:6px; }
.tag { font-size:11px; background:#ddd; border-radius:3px; padding:0 4px; margin-right:6px; color:var(--muted); }
.ephemeral { background:var(--eph); border-left:3px solid var(--accent); }
.only-you { font-size:12px; color:var(--muted); margin-top:2px; }
.text, .b-section { white-space:normal; overflow-wrap:anywhere; }
.b-header { font-weight:800; font-size:17px; margin:4px 0; }
.b-section { display:flex; gap:12px; align-items:flex-start; margin:4px 0; }
.b-section > .content { flex:1; min-width:0; }
.fields { display:grid; grid-template-columns:1fr 1fr; gap:4px 16px; margin-top:4px; }
.b-context { font-size:13px; color:var(--muted); display:flex; gap:8px; flex-wrap:wrap; margin:4px 0; }
hr.b-divider { border:0; border-top:1px solid var(--line); margin:8px 0; }
.b-actions { display:flex; gap:8px; flex-wrap:wrap; margin:6px 0; }
.btn { font:inherit; font-size:14px; font-weight:700; padding:4px 12px; border-radius:6px; border:1px solid #bbb;
  background:#fff; cursor:pointer; }
.btn:hover { background:#f2f2f2; }
.btn.primary { background:var(--green); border-color:var(--green); color:#fff; }
.btn.danger { background:#fff; border-color:var(--red); color:var(--red); }
.btn:disabled { opacity:.5; cursor:default; }
pre.code { background:#f8f8f8; border:1px solid var(--line); border-radius:4px; padding:8px; margin:4px 0;
  font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; white-space:pre-wrap; overflow-wrap:anywhere; }
code { background:#f3f3f3; border:1px solid var(--line); border-radius:3px; padding:0 3px; color:#c01343;
  font: 12px ui-monospace, Menlo, Consolas, monospace; }
.mention { background:#e8f5fa; color:var(--accent); border-radius:3px; padding:0 2px; }
.file { display:inline-flex; gap:8px; align-items:center; border:1px solid var(--line); border-radius:8px; padding:6px 10px;
  margin:4px 0; text-decoration:none; color:var(--fg); }
.file small { color:var(--muted); }
.pinned { font-size:12px; color:#8a6d00; background:#fdf5d8; border-radius:3px; padding:0 4px; margin-left:6px; }
.edited { font-size:12px; color:var(--muted); margin-left:4px; }
.thread-toggle { display:block; font:inherit; font-size:13px; color:var(--accent); background:none; border:0; padding:2px 0; cursor:pointer;
  font-weight:700; }
.thread { border-left:2px solid var(--line); margin:4px 0 4px 4px; }
.thread .msg { padding-left:10px; }
footer { border-top:1px solid var(--line); padding:10px 16px; }
footer form { display:flex; gap:8px; }
footer input { flex:1; font: 15px ui-monospace, Menlo, Consolas, monospace; padding:8px 10px; border:1px solid #bbb;
  border-radius:8px; }
.status { font-size:12px; color:var(--muted); min-height:16px; margin-top:4px; }
.status.error { color:var(--red); }
`;
