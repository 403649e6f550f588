// What a reader gets, in a real browser (Debian's Chromium): axe over every page type in both renditions and in
// the large-text and high-contrast modes; a keyboard walk; reflow at 320 px; the strict CSP holds; no request
// leaves the site. Screenshots of each page type are saved under test-results/screenshots/.
import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, serve } from '../helpers/browser.ts';
import { REPO } from '../helpers/content.ts';

const SHOTS = path.join(REPO, 'test-results', 'screenshots');
let site: string;
let browser: Browser;
let server: { origin: string; close: () => Promise<void> };

/** One URL per page shape: ids and years replaced, so every page type the site has is covered, whatever it is. */
function pageTypes(dir: string): Map<string, string> {
  const types = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) {
        const url = `/${path.relative(dir, p).split(path.sep).join('/')}`.replace(/index\.html$/, '');
        if (url.startsWith('/zh-hant/')) continue;
        const shape = url.replace(/\/\d{4}\//g, '/:year/').replace(/\/reports\/[^/]+\//, '/reports/:office/').replace(/\/(regions|offices)\/[^/]+\//, '/$1/:id/');
        // Prefer a page of the 2019 trial format and the seed for reports: the seed and demo both get covered below.
        if (!types.has(shape)) types.set(shape, url);
      }
    }
  };
  walk(dir);
  return types;
}

beforeAll(async () => {
  site = inject('bundledSite');
  server = await serve(site);
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Watch {
  context: BrowserContext;
  page: Page;
  csp: string[];
  offsite: string[];
}

/** A page with the reading-aid modes preset, recording CSP violations and requests that leave the origin. */
async function open(modes: Record<string, boolean> = {}, viewport = { width: 1280, height: 900 }): Promise<Watch> {
  const context = await browser.newContext({ viewport });
  const offsite: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin) || url.startsWith('data:')) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  await context.addInitScript((state: string) => {
    // Preset once per context; later pages see what the page itself saved.
    if (window.localStorage.getItem('nianbao-aids') === null) window.localStorage.setItem('nianbao-aids', state);
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  }, JSON.stringify(modes));
  const page = await context.newPage();
  const csp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  return { context, page, csp, offsite };
}

async function cspViolations(w: Watch): Promise<string[]> {
  const inPage = await w.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  return [...inPage, ...w.csp];
}

const MODES: Array<[string, Record<string, boolean>]> = [
  ['default', {}],
  ['large', { large: true }],
  ['contrast', { contrast: true }],
];

describe('every page type, both renditions, each mode', () => {
  it('has zero axe violations (WCAG 2.2 AA, experimental table rules on), no CSP violation, no off-site request', { timeout: 1_800_000 }, async () => {
    const types = pageTypes(site);
    // The report page shapes must be there: the whole point of the site.
    expect([...types.keys()]).toEqual(expect.arrayContaining(['/', '/reports/:office/', '/reports/:office/:year/', '/reports/:office/:year/pinyin/']));
    const problems: string[] = [];
    for (const [shape, url] of types) {
      for (const rendition of ['zh-CN', 'zh-Hant']) {
        if (rendition === 'zh-Hant' && shape.endsWith('/pinyin/')) continue; // pinyin is a zh-CN reading aid
        for (const [mode, state] of MODES) {
          const w = await open(state);
          const target = rendition === 'zh-CN' ? url : `/zh-hant${url}`;
          const res = await w.page.goto(`${server.origin}${target}`);
          expect(res?.status(), target).toBe(200);
          const results = await new AxeBuilder({ page: w.page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
            .options({ rules: { 'td-has-header': { enabled: true }, 'table-fake-caption': { enabled: true } } })
            .analyze();
          for (const v of results.violations) problems.push(`${target} [${mode}] ${v.id}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')}`);
          for (const c of await cspViolations(w)) problems.push(`${target} [${mode}] CSP: ${c}`);
          for (const o of w.offsite) problems.push(`${target} [${mode}] off-site request: ${o}`);
          if (mode === 'default' || shape === '/reports/:office/:year/') {
            const name = `${shape.replace(/[/:]+/g, '-').replace(/^-|-$/g, '') || 'home'}-${rendition}-${mode}.png`;
            await w.page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
          }
          await w.context.close();
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('search in the browser', () => {
  /** Waits until the live region reports the outcome of the search for `q` (not “正在搜索”). */
  const settled = (w: Watch, q: string) =>
    w.page.waitForFunction((q) => /^(找到|没有找到)/.test(document.getElementById('search-status')?.textContent ?? '') && document.getElementById('search-status')!.textContent!.includes(`“${q}”`), q, { timeout: 30_000 });
  it('finds the seed report for 台山 under the strict CSP, filters, pages, and passes axe', async () => {
    const w = await open();
    await w.page.goto(`${server.origin}/search/?q=${encodeURIComponent('台山')}`);
    const status = w.page.locator('#search-status');
    await settled(w, '台山');
    expect(await status.textContent()).toBe('找到 1 份与“台山”相关的报告');
    expect(await w.page.locator('#search-fallback').isHidden()).toBe(true);
    expect(await w.page.locator('#search-q').inputValue()).toBe('台山');
    const result = w.page.locator('#search-results a').first();
    expect(await result.getAttribute('href')).toContain('/reports/taishan-gov-office/2020/');
    expect(await w.page.locator('#search-results mark').first().textContent()).toBe('台山');
    expect(await w.page.locator('#search-results .search-context').first().textContent()).toBe('台山市人民政府办公室 · 2020');
    // The filters are filled from the index; choosing a year narrows the results.
    await w.page.locator('#search-f-year option[value="2021"]').waitFor({ state: 'attached' });
    await w.page.fill('#search-q', '年度报告');
    await w.page.press('#search-q', 'Enter');
    await settled(w, '年度报告');
    const count = async () => Number((await status.textContent())!.match(/找到 (\d+) 份/)![1]);
    const all = await count();
    expect(all).toBeGreaterThan(10);
    expect(new URL(w.page.url()).searchParams.get('q')).toBe('年度报告');
    expect(await w.page.locator('#search-results li').count()).toBe(10);
    // "显示更多结果" appends the next page and moves the focus to its first result.
    await w.page.click('#search-more');
    await w.page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 10);
    expect(await w.page.locator('#search-results li').count()).toBe(Math.min(20, all));
    expect(await w.page.evaluate(() => document.activeElement === document.querySelectorAll('#search-results li a')[10])).toBe(true);
    // Choosing a year narrows the results to that year.
    await w.page.selectOption('#search-f-year', '2021');
    await w.page.waitForFunction((all) => {
      const m = document.getElementById('search-status')?.textContent?.match(/^找到 (\d+) 份/);
      return m && Number(m[1]) < all;
    }, all);
    const contexts = await w.page.locator('#search-results .search-context').allTextContents();
    expect(contexts.length).toBeGreaterThan(0);
    expect(contexts.every((c) => c.endsWith(' · 2021'))).toBe(true);
    // A query that finds nothing says so.
    await w.page.selectOption('#search-f-year', '');
    await w.page.fill('#search-q', '量子纠缠');
    await w.page.press('#search-q', 'Enter');
    await settled(w, '量子纠缠');
    expect(await status.textContent()).toBe('没有找到与“量子纠缠”相关的报告，请换一个关键词');
    expect(await w.page.locator('#search-results li').count()).toBe(0);
    // Back to results for axe and the screenshot.
    await w.page.fill('#search-q', '政务公开');
    await w.page.press('#search-q', 'Enter');
    await settled(w, '政务公开');
    expect(await cspViolations(w)).toEqual([]);
    expect(w.offsite).toEqual([]);
    const axe = await new AxeBuilder({ page: w.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await w.page.screenshot({ path: path.join(SHOTS, 'search-results.png'), fullPage: true });
    await w.context.close();
  });
});

describe('keyboard and reading aids', () => {
  const report = '/reports/demo-city-edu/2024/';

  it('a keyboard walk: skip link first, visible focus on every stop, the wide tables’ scroll regions reachable', async () => {
    const w = await open();
    await w.page.goto(`${server.origin}${report}`);
    await w.page.keyboard.press('Tab');
    expect(await w.page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    await w.page.keyboard.press('Enter');
    expect(await w.page.evaluate(() => document.activeElement?.id)).toBe('main');
    const stops: string[] = [];
    for (let i = 0; i < 40; i++) {
      await w.page.keyboard.press('Tab');
      const s = await w.page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        if (el === document.body) return 'end';
        const cs = getComputedStyle(el);
        const visible = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
        return `${el.tagName.toLowerCase()}${el.getAttribute('role') === 'region' ? '[region]' : ''}:${visible}`;
      });
      if (s === 'end') break; // past the last stop: focus leaves the document
      stops.push(s);
    }
    expect(stops.filter((s) => s.endsWith(':false'))).toEqual([]);
    expect(stops.filter((s) => s.startsWith('div[region]')).length).toBeGreaterThanOrEqual(3);
    await w.context.close();
  });

  it('大字 by keyboard: main text ≥ 18 px, remembered on the next page; 高对比度 and 大光标 toggle', async () => {
    const w = await open();
    await w.page.goto(`${server.origin}${report}`);
    await w.page.focus('button[data-aid="large"]');
    await w.page.keyboard.press('Enter');
    expect(await w.page.getAttribute('button[data-aid="large"]', 'aria-pressed')).toBe('true');
    const size = async () => w.page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.report-section p')!).fontSize));
    expect(await size()).toBeGreaterThanOrEqual(18);
    await w.page.focus('button[data-aid="contrast"]');
    await w.page.keyboard.press('Space');
    expect(await w.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
    await w.page.click('button[data-aid="cursor"]');
    expect(await w.page.evaluate(() => document.documentElement.classList.contains('aid-cursor'))).toBe(true);
    await w.page.goto(`${server.origin}/reports/demo-city-edu/2023/`);
    expect(await size()).toBeGreaterThanOrEqual(18);
    expect(await w.page.evaluate(() => document.documentElement.className)).toContain('aid-contrast');
    await w.context.close();
  });

  it('朗读 reads the report text aloud through the Web Speech API and switches off again', async () => {
    const w = await open();
    // Record what would be spoken (headless Chromium has no voices): the page's own code path runs unchanged.
    await w.context.addInitScript(() => {
      const spoken: string[] = [];
      (window as unknown as { __spoken: string[] }).__spoken = spoken;
      Object.defineProperty(window, 'speechSynthesis', { value: { speak: (u: SpeechSynthesisUtterance) => spoken.push(`${u.lang}:${u.text}`), cancel: () => spoken.push('cancel') } });
    });
    await w.page.goto(`${server.origin}${report}`);
    const btn = 'button[data-aid="speak"]';
    expect(await w.page.isVisible(btn)).toBe(true);
    await w.page.click(btn);
    expect(await w.page.getAttribute(btn, 'aria-pressed')).toBe('true');
    const spoken = await w.page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
    expect(spoken).toContain('zh-CN:示例市教育局2024年政府信息公开工作年度报告');
    expect(spoken.some((s) => s.startsWith('zh-CN:一、总体情况'))).toBe(true);
    await w.page.click(btn);
    expect(await w.page.getAttribute(btn, 'aria-pressed')).toBe('false');
    await w.context.close();
  });

  it('without JavaScript the page is complete and the aid buttons stay hidden', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.origin}${report}`);
    expect(await page.locator('#t3 td').count()).toBeGreaterThan(100);
    expect(await page.isVisible('button[data-aid="large"]')).toBe(false);
    expect(await page.isVisible('a[data-rendition="zh-Hant"]')).toBe(true);
    await context.close();
  });

  it('reflows at 320 CSS px: no page-level horizontal scrolling; wide tables scroll inside their region', async () => {
    for (const url of ['/', report, '/zh-hant' + report]) {
      const w = await open({}, { width: 320, height: 800 });
      await w.page.goto(`${server.origin}${url}`);
      const { page, doc } = await w.page.evaluate(() => ({ page: document.documentElement.scrollWidth, doc: document.documentElement.clientWidth }));
      expect(page, url).toBeLessThanOrEqual(doc);
      await w.page.screenshot({ path: path.join(SHOTS, `reflow-320${url.replace(/[/]+/g, '-')}.png`), fullPage: false });
      await w.context.close();
    }
  });

  it('keeps text spacing (WCAG 1.4.12) without clipping', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.origin}${report}`);
    await page.addStyleTag({ content: '* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; } p { margin-bottom: 2em !important; }' });
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll('body *')].filter((el) => {
        const cs = getComputedStyle(el);
        return (cs.overflow === 'hidden' || cs.overflowY === 'hidden') && el.scrollHeight > el.clientHeight + 1 && !el.classList.contains('visually-hidden');
      }).length,
    );
    expect(clipped).toBe(0);
    await context.close();
  });

  it('prints as the official document: no site chrome, table headers repeated', async () => {
    const w = await open();
    await w.page.goto(`${server.origin}${report}`);
    await w.page.emulateMedia({ media: 'print' });
    const r = await w.page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.site-header')!).display,
      footer: getComputedStyle(document.querySelector('.site-footer')!).display,
      thead: getComputedStyle(document.querySelector('#t3 thead')!).display,
    }));
    expect(r).toEqual({ header: 'none', footer: 'none', thead: 'table-header-group' });
    await w.context.close();
  });
});
