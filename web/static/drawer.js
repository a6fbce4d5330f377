// The phone filter drawer of the search page and /browse (drawer.css): the "filters" link
// opens the panel and moves focus into it; its close link and Escape close it and give focus
// back to the link. Without script the link is a plain #facets anchor that CSS :target opens.
(function () {
  function closeDrawer() {
    var facets = document.getElementById('facets');
    if (facets && facets.classList.contains('open')) {
      facets.classList.remove('open');
      var b = document.getElementById('drawer-open');
      if (b) { b.setAttribute('aria-expanded', 'false'); b.focus(); }
    }
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a');
    if (!a) return;
    if (a.id === 'drawer-open') {
      e.preventDefault();
      var facets = document.getElementById('facets');
      facets.classList.add('open');
      a.setAttribute('aria-expanded', 'true');
      var first = facets.querySelector('.drawer-close');
      if (first) first.focus();
    } else if (a.classList.contains('drawer-close')) {
      e.preventDefault();
      closeDrawer();
    }
  });

  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { closeDrawer(); }
  });
})();
