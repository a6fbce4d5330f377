// Small progressive enhancements; every page works without this file.
(function () {
  // facet checkboxes apply at once: web/static/search.js (the "apply" button stays for no-JS users)
  // copy buttons
  document.querySelectorAll('button.copy').forEach(function (b) {
    b.addEventListener('click', function () {
      var el = document.querySelector(b.getAttribute('data-copy'));
      if (!el) return;
      var done = function () { b.textContent = b.getAttribute('data-done'); };
      if (navigator.clipboard) { navigator.clipboard.writeText(el.value || el.textContent).then(done, function () { el.select(); document.execCommand('copy'); done(); }); }
      else { el.select(); document.execCommand('copy'); done(); }
    });
  });
  // previous / next hit in a document
  var nav = document.querySelector('.hitnav');
  if (nav) {
    var total = parseInt(nav.getAttribute('data-hits'), 10), cur = 0;
    var status = document.getElementById('hit-status');
    var target = document.querySelector('.para.target mark');
    var marks = Array.prototype.slice.call(document.querySelectorAll('mark[id^="hit-"]'));
    if (target) { cur = marks.indexOf(target); }
    function go(i) {
      if (!marks.length) return;
      cur = (i + marks.length) % marks.length;
      marks.forEach(function (m) { m.classList.remove('current'); });
      marks[cur].classList.add('current');
      marks[cur].scrollIntoView({block: 'center'});
      if (status) status.textContent = status.textContent.replace(/\d+/, String(cur + 1));
    }
    nav.querySelector('.next-hit').addEventListener('click', function (e) { e.preventDefault(); go(cur + 1); });
    nav.querySelector('.prev-hit').addEventListener('click', function (e) { e.preventDefault(); go(cur - 1); });
    document.addEventListener('keydown', function (e) {
      if (e.target.tagName === 'INPUT' || e.target.tagName === 'TEXTAREA') return;
      if (e.key === 'n') go(cur + 1); else if (e.key === 'p') go(cur - 1);
    });
    if (target) { go(cur); }
  }
})();
// the source view: the marked lines in the middle of the window, with context above them
// (after the browser's own jump to #L…, which puts them at the very top)
window.addEventListener('load', function () { setTimeout(function () {
  var first = document.querySelector('table.source tr.marked');
  if (!first) return;
  var last = Array.prototype.slice.call(document.querySelectorAll('table.source tr.marked')).pop();
  var top = first.getBoundingClientRect().top + window.scrollY;
  var bottom = last.getBoundingClientRect().bottom + window.scrollY;
  window.scrollTo(0, Math.max(0, (top + bottom) / 2 - window.innerHeight / 2));
}, 0); });
