import { CLIENT_APP_JS } from './client-app.js';
import { CLIENT_RENDER_JS } from './client-render.js';
import { CONSOLE_CSS } from './styles.js';

/** The single-page console served at GET /. */
export const CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shipmate · slack-sim</title>
<style>${CONSOLE_CSS}</style>
</head>
<body>
<header>
  <h1>Shipmate <small style="opacity:.7;font-weight:400">slack-sim</small></h1>
  <select id="channel" data-testid="channel-select" aria-label="Channel"></select>
  <div class="roles" id="roles" data-testid="role-switcher"></div>
</header>
<main id="messages" data-testid="messages" aria-live="polite"></main>
<footer>
  <form id="composer" autocomplete="off">
    <input id="command" data-testid="command-input" placeholder="/k8s status api-service prod" aria-label="Slash command">
    <button class="btn primary" data-testid="command-send" type="submit">Send</button>
  </form>
  <div id="status" class="status" data-testid="status"></div>
</footer>
<script>${CLIENT_RENDER_JS}${CLIENT_APP_JS}</script>
</body>
</html>
`;
