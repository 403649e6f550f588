// nianbao reading aids: 大字, 高对比度, 大光标 (remembered across pages) and 朗读 (Web Speech API, no network).
// Loaded in <head> so the remembered modes apply before the first paint; buttons are wired once the page is
// parsed. Without JavaScript the buttons stay hidden and the page is complete.
(function () {
  'use strict';
  var KEY = 'nianbao-aids';
  var MODES = ['large', 'contrast', 'cursor'];
  var root = document.documentElement;

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(KEY) || '{}') || {};
    } catch (e) {
      return {};
    }
  }
  function save(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      /* private mode: the aid still works on this page */
    }
  }
  var state = load();
  MODES.forEach(function (m) {
    root.classList.toggle('aid-' + m, !!state[m]);
  });

  function speechText() {
    var article = document.querySelector('main article') || document.querySelector('main');
    if (!article) return [];
    var parts = [];
    article.querySelectorAll('h1, h2, h3, p, li, caption').forEach(function (el) {
      var t = el.textContent.replace(/\s+/g, ' ').trim();
      if (t) parts.push(t);
    });
    return parts;
  }

  function wire() {
    var synth = window.speechSynthesis;
    document.querySelectorAll('button[data-aid]').forEach(function (btn) {
      var aid = btn.getAttribute('data-aid');
      if (aid === 'speak') {
        if (!synth || !document.querySelector('main article')) return;
        btn.hidden = false;
        btn.addEventListener('click', function () {
          var on = btn.getAttribute('aria-pressed') === 'true';
          synth.cancel();
          if (on) {
            btn.setAttribute('aria-pressed', 'false');
            return;
          }
          btn.setAttribute('aria-pressed', 'true');
          // One utterance per paragraph: long utterances are cut off by some engines.
          var parts = speechText();
          parts.forEach(function (text, i) {
            var u = new SpeechSynthesisUtterance(text);
            u.lang = root.lang === 'zh-Hant' ? 'zh-TW' : 'zh-CN';
            if (i === parts.length - 1) {
              u.onend = function () {
                btn.setAttribute('aria-pressed', 'false');
              };
            }
            synth.speak(u);
          });
        });
        return;
      }
      btn.hidden = false;
      btn.setAttribute('aria-pressed', String(!!state[aid]));
      btn.addEventListener('click', function () {
        state[aid] = !state[aid];
        root.classList.toggle('aid-' + aid, state[aid]);
        btn.setAttribute('aria-pressed', String(state[aid]));
        save(state);
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
  else wire();
})();
