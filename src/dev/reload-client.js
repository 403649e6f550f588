// nianbao dev server: reloads the page when the server says a page changed. Served only by `nianbao serve`, never
// part of a built site. An external file, so the site's strict Content-Security-Policy holds in preview too.
new EventSource('/.nianbao/events').addEventListener('reload', () => location.reload());
