// A small static file server for a built site on 127.0.0.1, with the strict Content-Security-Policy header the
// site is built to satisfy. Used to print PDFs at build time, by the browser tests and by the dev server.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** The policy from site-norms.md: no inline code, nothing from other origins (search is plain same-origin JavaScript). */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Default: any free port. */
  port?: number;
  /** Answers a request itself when it returns true (the dev server's live-reload paths). */
  handle?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  /** Changes HTML responses (not the files), e.g. to add the dev server's reload script. */
  transformHtml?: (html: string) => string;
}

/** Serves `dir` under `prefix`; unknown paths get /404.html with status 404. */
export async function serveStatic(dir: string, prefix = '/', opts: ServeOptions = {}): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    if (opts.handle?.(req, res)) return;
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let file = pathname.startsWith(prefix) ? path.join(root, pathname.slice(prefix.length)) : '';
    if (file && !file.startsWith(root)) file = '';
    if (file && existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const found = !!file && existsSync(file) && statSync(file).isFile();
    if (!found) file = path.join(root, '404.html');
    res.writeHead(found ? 200 : 404, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP });
    if (!existsSync(file)) res.end('not found');
    else if (opts.transformHtml && file.endsWith('.html')) res.end(opts.transformHtml(readFileSync(file, 'utf8')));
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
