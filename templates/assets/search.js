// Search page (an ES module, no third-party code): runs nianbao's own search index (search-core.js) in #search —
// the form (its ?q= is also what the home page's form sends), the filters 年度/地区/机构, the result count in a
// live region, the results with their excerpts, and "显示更多结果". The bundle path and the base URL come from
// data attributes, so the site's path prefix is respected. Without JavaScript (or without module support) #search
// stays hidden and the page shows links to the listings instead.
import { openIndex, PAGE } from './search-core.js';

const box = document.getElementById('search');
if (box) start(box);

function start(box) {
  const bundle = box.getAttribute('data-bundle-path');
  const base = box.getAttribute('data-base-url') || '/';
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-q');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const more = document.getElementById('search-more');
  const selects = Array.from(box.querySelectorAll('select[data-filter]'));
  box.hidden = false;
  const fallback = document.getElementById('search-fallback');
  if (fallback) fallback.hidden = true;

  // The manifest may change with every deploy: revalidate it; the files it names never change.
  const load = (file) =>
    fetch(bundle + file, file === 'manifest.json' ? { cache: 'no-cache' } : {}).then((r) => {
      if (!r.ok) throw new Error(`${file}: ${r.status}`);
      return r.arrayBuffer();
    });
  const ready = openIndex(load, { baseUrl: base });
  // Filter lists over 256 KB (tens of thousands of offices) are not loaded: that select stays at 全部.
  ready
    .then((index) => index.filterValues(index.manifest.filters.filter((f) => f.bytes <= 256 * 1024).map((f) => f.name)))
    .then((values) => {
      for (const sel of selects) {
        const list = values[sel.getAttribute('data-filter')];
        if (!list) {
          sel.disabled = true;
          continue;
        }
        for (const [value, count] of list) {
          const o = document.createElement('option');
          o.value = value;
          o.textContent = `${value}（${count}）`;
          sel.appendChild(o);
        }
      }
    })
    .catch(() => undefined);

  let current = null; // the result being shown
  let seq = 0;
  const say = (text) => (status.textContent = text);

  const item = (hit) => {
    const li = document.createElement('li');
    const title = document.createElement('p');
    title.className = 'search-title';
    const a = document.createElement('a');
    a.href = hit.url;
    a.textContent = hit.title;
    title.appendChild(a);
    const ctx = document.createElement('p');
    ctx.className = 'search-context';
    ctx.textContent = [hit.filters['机构'], hit.filters['年度']].map((v) => (v || []).join('、')).filter(Boolean).join(' · ');
    const ex = document.createElement('p');
    ex.className = 'search-excerpt';
    // Escaped by search-core.js; the only markup is <mark>.
    ex.innerHTML = hit.excerpt;
    li.append(title, ctx, ex);
    return li;
  };

  const message = (q, count) => {
    const quoted = q ? `与“${q}”相关的` : '';
    if (count > 0) return `找到 ${count} 份${quoted}报告`;
    return q ? `没有找到${quoted}报告，请换一个关键词` : '没有找到符合条件的报告';
  };

  const show = async (r, mine, focus) => {
    const hits = await r.next(PAGE);
    if (mine !== seq) return;
    const first = list.children.length;
    for (const h of hits) list.appendChild(item(h));
    more.hidden = r.done();
    say(message(r.query.trim(), r.count));
    // After "显示更多结果", keyboard users continue at the first new result.
    if (focus && list.children[first]) list.children[first].querySelector('a').focus();
  };

  const run = async () => {
    const q = input.value.trim();
    const filters = {};
    for (const sel of selects) if (sel.value) filters[sel.getAttribute('data-filter')] = sel.value;
    const mine = ++seq;
    list.textContent = '';
    more.hidden = true;
    current = null;
    if (!q && !Object.keys(filters).length) {
      say('');
      return;
    }
    say(q ? `正在搜索“${q}”……` : '正在筛选……');
    try {
      const index = await ready;
      const r = await index.search(q, { filters });
      if (mine !== seq) return;
      current = r;
      await show(r, mine, false);
    } catch (e) {
      if (mine === seq) say('搜索暂时无法使用，请稍后再试，或通过下面的栏目查找报告。');
    }
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const url = new URL(window.location.href);
    if (input.value.trim()) url.searchParams.set('q', input.value.trim());
    else url.searchParams.delete('q');
    window.history.replaceState(null, '', url);
    run();
  });
  for (const sel of selects) sel.addEventListener('change', run);
  more.addEventListener('click', () => {
    if (current) show(current, seq, true).catch(() => undefined);
  });

  const q = new URLSearchParams(window.location.search).get('q');
  if (q) {
    input.value = q;
    run();
  }
}
