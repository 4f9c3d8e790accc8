// Hausmeter's shared page script (optional: every page works without it).
// Scripts that change state must send the page's CSRF token: htmx requests get it automatically,
// fetch() callers use hausmeter.csrfHeaders(), e.g. fetch(url, {method: 'POST', headers: hausmeter.csrfHeaders()}).
(function () {
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta ? meta.getAttribute('content') : '';
  window.hausmeter = {
    csrfHeaders: function (headers) {
      var h = headers || {};
      h['X-CSRF-Token'] = token;
      return h;
    }
  };
  document.addEventListener('htmx:configRequest', function (event) {
    event.detail.headers['X-CSRF-Token'] = token;
  });
})();
