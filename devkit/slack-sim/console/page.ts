/** Placeholder; the full console page lives here. */
export const CONSOLE_HTML = '<!doctype html><title>slack-sim</title><p>slack-sim console</p>';
