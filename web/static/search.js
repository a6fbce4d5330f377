// The result page's enhancements (the page works without them: the facet form submits, the
// drawer (drawer.js) opens by its #facets anchor, the filter-within box filters on the server).
(function () {
  var live = document.getElementById('live');

  function formUrl(form) {
    var data = new FormData(form), params = new URLSearchParams();
    // the filter-within boxes filter in the page; only a no-JS submit sends them
    data.forEach(function (v, k) { if (v !== '' && k.indexOf('within_') !== 0) params.append(k, v); });
    return form.getAttribute('action') + '?' + params.toString();
  }

  // Apply a facet change without reloading: fetch the new page, swap the results and the
  // panel, put focus back on the control that changed, announce the new count.
  function apply(url, focusKey) {
    var layout = document.getElementById('layout');
    var openIds = Array.prototype.map.call(layout.querySelectorAll('details[open][id]'), function (d) { return d.id; });
    var drawerOpen = document.getElementById('facets').classList.contains('open');
    var scroll = document.getElementById('facets').scrollTop;
    fetch(url, {headers: {'Accept': 'text/html'}, credentials: 'same-origin'}).then(function (r) {
      if (!r.ok && r.status !== 400) throw new Error(String(r.status));
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var fresh = doc.getElementById('layout');
      if (!fresh) { window.location.href = url; return; }
      layout.innerHTML = fresh.innerHTML;
      openIds.forEach(function (id) { var d = document.getElementById(id); if (d) d.open = true; });
      var facets = document.getElementById('facets');
      if (drawerOpen) { facets.classList.add('open'); }
      facets.scrollTop = scroll;
      history.pushState({}, '', url);
      shown = location.search;
      // the search box carries the filters as hidden fields: take the new ones
      var box = document.querySelector('form.searchbox'), newBox = doc.querySelector('form.searchbox');
      if (box && newBox) {
        box.querySelectorAll('input[type=hidden]').forEach(function (i) { i.remove(); });
        var button = box.querySelector('button');
        newBox.querySelectorAll('input[type=hidden]').forEach(function (i) { box.insertBefore(i, button); });
      }
      var newLive = doc.getElementById('live');
      if (live && newLive) { live.textContent = newLive.textContent; }
      var title = doc.querySelector('title');
      if (title) document.title = title.textContent;
      var el = focusKey && document.querySelector(focusKey);
      if (el) el.focus();
    }).catch(function () { window.location.href = url; });
  }

  function keyOf(el) {
    if (el.type === 'checkbox') return '#facet-form input[name="' + el.name + '"][value="' + CSS.escape(el.value) + '"]';
    return el.id ? '#' + CSS.escape(el.id) : null;
  }

  document.addEventListener('change', function (e) {
    var el = e.target, form = el.form;
    // the year range applies on Enter or the apply button, not between its two boxes
    if (!form || form.id !== 'facet-form' || el.hasAttribute('data-within') || el.type === 'number') return;
    apply(formUrl(form), keyOf(el));
  });
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form.id !== 'facet-form') return;
    e.preventDefault();
    apply(formUrl(form), keyOf(document.activeElement || form));
  });
  // back and forward between facet states reload them (a jump to #results or #facets does not)
  var shown = location.search;
  window.addEventListener('popstate', function () { if (location.search !== shown) window.location.reload(); });

  // Filter-within: narrow a facet's values as one types (checked values always stay).
  document.addEventListener('input', function (e) {
    var box = e.target;
    if (box.id === 'q') { return count(box); }
    if (!box.hasAttribute('data-within')) return;
    var facet = document.getElementById(box.getAttribute('data-within'));
    var needle = box.value.trim().toLowerCase();
    facet.querySelectorAll('ul.first li, ul.rest li').forEach(function (li) {
      var cb = li.querySelector('input'), text = li.textContent.toLowerCase();
      li.hidden = !!needle && !(cb && cb.checked) && text.indexOf(needle) === -1;
    });
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && e.target.hasAttribute && e.target.hasAttribute('data-within')) { e.preventDefault(); }
  });

  // The query box says how long the query is against the limit; it never cuts a paste.
  function count(box) {
    var max = parseInt(box.getAttribute('data-max'), 10), note = document.getElementById('q-limit');
    if (!note || !max) return;
    var n = Array.from(box.value).length;
    var zh = document.documentElement.lang !== 'en';
    if (n > max) {
      note.textContent = zh ? ('检索式太长：' + n + ' 个字符（最多 ' + max + ' 个）') : ('Query too long: ' + n + ' characters (at most ' + max + ')');
      note.classList.add('over');
    } else {
      note.textContent = zh ? ('已输入 ' + n + '/' + max + ' 字') : (n + '/' + max + ' characters');
      note.classList.remove('over');
    }
  }
  var q = document.getElementById('q');
  if (q && q.value) count(q);
})();
