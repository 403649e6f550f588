// Search page: starts Pagefind's UI (its bundle is built with the site, no third-party code) in #search, with the
// bundle path and base URL the page gives for the site's path prefix, and runs the query from ?q= (the search
// form on the home page). When the index was built as several bundles (src/search/indexer.ts), data-merge lists
// the others (folders inside the main bundle) and Pagefind merges them in the browser. Without JavaScript the
// page shows links to the listings instead.
(function () {
  'use strict';
  var box = document.getElementById('search');
  if (!box || typeof window.PagefindUI !== 'function') return;
  var bundle = box.getAttribute('data-bundle-path');
  var base = box.getAttribute('data-base-url');
  var merge = [];
  try {
    merge = JSON.parse(box.getAttribute('data-merge') || '[]');
  } catch (e) {
    merge = [];
  }
  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = bundle + 'pagefind-ui.css';
  document.head.appendChild(css);
  var ui = new window.PagefindUI({
    element: '#search',
    bundlePath: bundle,
    baseUrl: base,
    mergeIndex: merge.map(function (folder) {
      return { bundlePath: bundle + folder, baseUrl: base };
    }),
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    translations: {
      placeholder: '输入关键词，如机构名称、年度或“政务公开”',
      clear_search: '清除',
      load_more: '显示更多结果',
      search_label: '搜索报告',
      filters_label: '筛选',
      zero_results: '没有找到与“[SEARCH_TERM]”相关的报告',
      many_results: '找到 [COUNT] 份与“[SEARCH_TERM]”相关的报告',
      one_result: '找到 [COUNT] 份与“[SEARCH_TERM]”相关的报告',
      alt_search: '没有找到与“[SEARCH_TERM]”相关的报告，以下是“[DIFFERENT_TERM]”的结果',
      search_suggestion: '没有找到与“[SEARCH_TERM]”相关的报告，请换一个关键词',
      searching: '正在搜索“[SEARCH_TERM]”……'
    }
  });
  // Pagefind's input carries only a title (its placeholder): give it an accessible name of its own.
  var label = function () {
    var input = box.querySelector('input');
    if (input) input.setAttribute('aria-label', '搜索报告');
    return !!input;
  };
  if (!label()) window.requestAnimationFrame(label);
  var fallback = document.getElementById('search-fallback');
  if (fallback) fallback.hidden = true;
  var q = new URLSearchParams(window.location.search).get('q');
  if (q) ui.triggerSearch(q);
})();
