/* Offline search for a briefing pack. The index (assets/search-index.js) is a plain
   script that sets window.BRIEFING_SEARCH, because a page opened from file:// cannot
   request other files itself, but it may add a <script src> element. The index holds
   the text of the whole pack, so it is only loaded when the reader first focuses or
   types into the search box: other page loads do not pay to parse it. Without
   JavaScript the form stays hidden and the navigation reaches every page. */
(function () {
  'use strict';
  var form = document.querySelector('form.search');
  if (!form) return;
  var input = form.querySelector('input[type=search]');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  if (!input || !list || !status) return;
  // The box with the status line and the results; a theme without one shows the list.
  var panel = form.querySelector('.search-panel') || list;
  // Index URLs are relative to the site root; each page says how far up that is.
  var root = document.documentElement.getAttribute('data-root') || '';
  var MAX_RESULTS = 20;
  var WORD_CHAR = /[\p{L}\p{N}]/u;
  var index = null;
  var docs = null;
  var loading = false;
  var failed = false;

  // Adds the index script once. A page from an older theme may already have loaded it.
  function loadIndex() {
    if (index || loading || failed) return;
    if (window.BRIEFING_SEARCH) { index = window.BRIEFING_SEARCH; return; }
    var src = form.getAttribute('data-index');
    if (!src) { failed = true; return; }
    loading = true;
    var script = document.createElement('script');
    script.src = src;
    script.onload = function () {
      loading = false;
      index = window.BRIEFING_SEARCH || null;
      if (!index || !index.docs) { index = null; failed = true; }
      refresh();
    };
    script.onerror = function () {
      loading = false;
      failed = true;
      refresh();
    };
    document.head.appendChild(script);
  }

  function prepare() {
    docs = index.docs.map(function (d) {
      return { title: d[0], url: d[1], kind: d[2], text: d[3],
               lowTitle: d[0].toLowerCase(), lowText: d[3].toLowerCase() };
    });
  }

  // A light stemmer: "trafficked" and "agencies" should find "trafficking" and "agency".
  function stem(word) {
    var m = /^(.{4,}?)(ies|ing|ed|es|s)$/.exec(word);
    return m ? m[1] : word;
  }

  // Words of the query; a lone letter (the "s" of "SOCA's") only counts on its own.
  function terms(query) {
    var words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    var longer = words.filter(function (w) { return w.length > 1; });
    return (longer.length ? longer : words).map(stem);
  }

  // Positions where `term` starts a word in `text` (at most `limit`).
  function starts(text, term, limit) {
    var found = [];
    var at = text.indexOf(term);
    while (at !== -1 && found.length < limit) {
      if (at === 0 || !WORD_CHAR.test(text.charAt(at - 1))) found.push(at);
      at = text.indexOf(term, at + 1);
    }
    return found;
  }

  function score(doc, words) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var inTitle = starts(doc.lowTitle, words[i], 1).length;
      var inText = starts(doc.lowText, words[i], 5).length;
      if (!inTitle && !inText) return 0;
      total += inTitle * 10 + inText;
    }
    return total;
  }

  function search(query) {
    var words = terms(query);
    if (!words.length) return [];
    if (!docs) prepare();
    var hits = [];
    for (var i = 0; i < docs.length; i++) {
      var s = score(docs[i], words);
      if (s) hits.push({ doc: docs[i], score: s, order: i });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return hits;
  }

  // About 160 characters of text around the first match, cut at spaces.
  function snippet(doc, words) {
    var at = -1, len = 0;
    for (var i = 0; i < words.length && at === -1; i++) {
      var found = starts(doc.lowText, words[i], 1);
      if (found.length) { at = found[0]; len = words[i].length; }
    }
    // Lower-casing can change lengths in rare scripts; then show the opening instead.
    var text = doc.lowText.length === doc.text.length ? doc.text : doc.lowText;
    if (at === -1) return { before: text.slice(0, 160), match: '', after: '' };
    var from = Math.max(0, text.lastIndexOf(' ', Math.max(0, at - 60)) + 1);
    if (at - from > 80) from = at - 60;
    var to = text.indexOf(' ', Math.min(text.length, at + len + 100));
    if (to === -1) to = text.length;
    return {
      before: (from > 0 ? '… ' : '') + text.slice(from, at),
      match: text.slice(at, at + len),
      after: text.slice(at + len, to) + (to < text.length ? ' …' : '')
    };
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function open(yes) { panel.hidden = !yes; }

  // Whatever was typed while the index loaded is searched once it is there, unless
  // the reader has moved on.
  function refresh() {
    if (form.contains(document.activeElement)) show(input.value);
  }

  function show(query) {
    list.textContent = '';
    var words = terms(query);
    if (!words.length) { status.textContent = ''; open(false); return; }
    open(true);
    if (!index) {
      status.textContent = failed ? 'Search is not available: its index did not load.'
        : 'Loading the search index…';
      return;
    }
    var hits = search(query);
    var shown = hits.slice(0, MAX_RESULTS);
    status.textContent = hits.length === 0 ? 'No results for “' + query.trim() + '”.'
      : (hits.length > shown.length ? 'Showing ' + shown.length + ' of ' + hits.length + ' results.'
        : hits.length + (hits.length === 1 ? ' result.' : ' results.'));
    shown.forEach(function (hit) {
      var item = element('li');
      var link = element('a', null, hit.doc.title);
      link.href = root + hit.doc.url;
      item.appendChild(link);
      item.appendChild(element('span', 'search-kind', hit.doc.kind));
      var cut = snippet(hit.doc, words);
      var p = element('p', 'search-snippet', cut.before);
      if (cut.match) p.appendChild(element('mark', null, cut.match));
      p.appendChild(document.createTextNode(cut.after));
      item.appendChild(p);
      list.appendChild(item);
    });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }

  // Arrow keys move between the box and the result links; Tab works as usual.
  function move(from, step) {
    var all = links();
    var at = all.indexOf(from) + step;
    if (at < 0) input.focus();
    else if (at < all.length) all[at].focus();
  }

  input.addEventListener('focus', function () {
    loadIndex();
    if (input.value && panel.hidden) show(input.value);
  });
  input.addEventListener('input', function () { loadIndex(); show(input.value); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && !panel.hidden && links().length) {
      e.preventDefault();
      links()[0].focus();
    } else if (e.key === 'Escape') {
      // The first Escape closes the results, the second clears the box.
      if (panel.hidden) { input.value = ''; show(''); } else { e.preventDefault(); open(false); }
    }
  });
  list.addEventListener('keydown', function (e) {
    if (e.target.tagName !== 'A') return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      move(e.target, e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Escape') {
      open(false);
      input.focus();
    }
  });
  // The results close when the reader clicks or tabs to anything outside the form.
  function outside(e) { if (!form.contains(e.target)) open(false); }
  document.addEventListener('pointerdown', outside);
  document.addEventListener('focusin', outside);
  // Enter opens the first result; the form never submits anywhere.
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var first = list.querySelector('a');
    if (first) window.location.href = first.href;
  });
  form.hidden = false;
  if (input.value) { loadIndex(); show(input.value); }
})();
