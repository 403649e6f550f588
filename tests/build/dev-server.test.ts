// `nianbao serve` (src/dev/server.ts) through its real path: a full first build, then edits to the sources. An edit
// to one report rewrites that office's pages and tells the browser to reload; an error keeps the previous pages;
// a change to regions.yml rebuilds everything.
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../src/dev/server.ts';
import { makeContent, reportSource } from '../helpers/content.ts';

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, csp: res.headers.get('content-security-policy'), body: await res.text() };
};

/** Resolves with the first `reload` event on the server's event stream. */
function nextReload(origin: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${origin}/.nianbao/events`, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (chunk.includes('event: reload')) {
          req.destroy();
          resolve();
        }
      });
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
  });
}

describe('nianbao serve', () => {
  let root: string;
  let server: DevServer;
  const logs: string[] = [];
  const file = () => path.join(root, 'reports', 't-office', '2022.md');

  beforeAll(async () => {
    root = makeContent({ 't-office/2021.md': reportSource(2021), 't-office/2022.md': reportSource(2022) });
    server = await startDevServer({ root, port: 0, log: (s) => logs.push(s) });
  }, 300_000);
  afterAll(async () => {
    await server?.close();
  });

  it('serves the built site with the CSP and the live-reload script, which is not in the files', async () => {
    const page = await get(`${server.origin}/reports/t-office/2022/`);
    expect(page.status).toBe(200);
    expect(page.csp).toContain("script-src 'self'");
    expect(page.body).toContain('<script src="/.nianbao/reload.js"></script>');
    expect(readFileSync(path.join(root, '_site', 'reports', 't-office', '2022', 'index.html'), 'utf8')).not.toContain('.nianbao');
    const client = await get(`${server.origin}/.nianbao/reload.js`);
    expect(client.body).toContain("EventSource('/.nianbao/events')");
  });

  it('shows an edit to a report on its page and its Traditional copy, and asks browsers to reload', async () => {
    const reload = nextReload(server.origin);
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(file(), readFileSync(file(), 'utf8').replace('本年共收到申请8件。', '本年共收到申请8件。开发预览修改标记。'));
    await reload;
    expect((await get(`${server.origin}/reports/t-office/2022/`)).body).toContain('开发预览修改标记');
    expect((await get(`${server.origin}/zh-hant/reports/t-office/2022/`)).body).toContain('開發預覽修改標記');
    expect(logs.some((l) => l.startsWith('已更新 reports/t-office/'))).toBe(true);
    await server.idle();
    expect(logs.some((l) => l.startsWith('列表页已更新'))).toBe(true);
  });

  it('shows an edit on its office’s page and feed with the report’s pages, before the listings follow', async () => {
    const reload = nextReload(server.origin);
    await new Promise((r) => setTimeout(r, 100));
    const good = readFileSync(file(), 'utf8');
    expect((await get(`${server.origin}/reports/t-office/`)).body).toContain('2023-01-20');
    writeFileSync(file(), good.replace('发布日期: 2023-01-20', '发布日期: 2023-01-19'));
    await reload;
    const office = (await get(`${server.origin}/reports/t-office/`)).body;
    expect(office).toContain('<time datetime="2023-01-19">');
    expect(office).not.toContain('2023-01-20');
    expect((await get(`${server.origin}/reports/t-office/feed.xml`)).body).toContain('<published>2023-01-19T00:00:00+08:00</published>');
    expect((await get(`${server.origin}/zh-hant/reports/t-office/`)).body).toContain('2023-01-19');
    writeFileSync(file(), good);
    await server.idle();
  });

  it('keeps the previous pages and prints the diagnostic when an edit breaks a report', async () => {
    const good = readFileSync(file(), 'utf8');
    writeFileSync(file(), good.replace('发布日期: 2023-01-20', '发布日期: 2023-02-30'));
    await server.idle();
    expect(logs.some((l) => l.includes('reports/t-office/2022.md') && l.includes('错误'))).toBe(true);
    expect(logs.some((l) => l.includes('预览保留上一次生成的页面'))).toBe(true);
    expect((await get(`${server.origin}/reports/t-office/2022/`)).body).toContain('2023-01-20');
    writeFileSync(file(), good);
    await server.idle();
  });

  it('rebuilds the whole site when regions.yml changes', async () => {
    const regions = path.join(root, 'reports', 'regions.yml');
    writeFileSync(regions, readFileSync(regions, 'utf8').replace('测试市', '测试新市'));
    await server.idle();
    expect(logs.some((l) => l.startsWith('网站已重新生成')), logs.join('\n')).toBe(true);
    expect((await get(`${server.origin}/reports/t-office/2022/`)).body).toContain('测试新市');
  });
});
