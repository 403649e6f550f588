// Live reload for the dev server: a Server-Sent Events stream the preview pages listen to, and the tag that adds
// the listening script to every HTML page served (to the response only; the files on disk stay as built).
import { readFileSync } from 'node:fs';
import type http from 'node:http';

export const EVENTS_PATH = '/.nianbao/events';
export const CLIENT_PATH = '/.nianbao/reload.js';
const CLIENT = readFileSync(new URL('./reload-client.js', import.meta.url));
const TAG = `<script src="${CLIENT_PATH}"></script>`;

export class LiveReload {
  private clients = new Set<http.ServerResponse>();

  /** Answers the two dev-server paths; false for every other request. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const url = req.url ?? '';
    if (url === CLIENT_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(CLIENT);
      return true;
    }
    if (url === EVENTS_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': nianbao\n\n');
      this.clients.add(res);
      req.on('close', () => this.clients.delete(res));
      return true;
    }
    return false;
  }

  /** The page with the reload script before </head>. */
  inject(html: string): string {
    const at = html.indexOf('</head>');
    return at < 0 ? html : html.slice(0, at) + TAG + html.slice(at);
  }

  reload(): void {
    for (const c of this.clients) c.write('event: reload\ndata: \n\n');
  }

  close(): void {
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}
