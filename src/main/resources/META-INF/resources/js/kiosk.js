// Live values on the kiosk page over Server-Sent Events; the page reads fine without this script.
// Texts arrive already in the page's language (the stream is opened with the page's cookies).
// Unnamed events carry the live part every 5 s; a "today" event carries today's chart and totals when a new
// quarter hour is in the ledger or the day changed. No event for more than 30 s: the numbers are greyed and
// the page says since when it has no current data; the stream is opened again.
(function () {
  if (!window.EventSource) { return; }
  var section = document.querySelector('.kiosk');
  if (!section) { return; }
  var STALE_MS = 30000;
  var lastEvent = Date.now();
  var source = null;

  function setText(id, text) {
    var el = document.getElementById(id);
    if (el && typeof text === 'string') { el.textContent = text; }
  }

  function seen() {
    lastEvent = Date.now();
    if (section.getAttribute('data-stale-shown') === 'on') {
      section.removeAttribute('data-stale-shown');
      setText('status', '');
    }
  }

  function onNow(event) {
    var now = JSON.parse(event.data);
    seen();
    ['pv', 'consumption', 'grid', 'gridDirection', 'signalText', 'status', 'stand', 'price', 'forecast'].forEach(function (key) {
      setText(key, now[key]);
    });
    var price = document.getElementById('price');
    if (price && typeof now.priceLevel === 'string') { price.setAttribute('data-level', now.priceLevel); }
    if (now.staleText) { section.setAttribute('data-stale', now.staleText); }
    section.setAttribute('data-signal', now.signal);
    section.setAttribute('data-live', 'on');
  }

  function onToday(event) {
    var today = JSON.parse(event.data);
    seen();
    var target = document.getElementById('today');
    if (target && typeof today.html === 'string') {
      // Server-rendered in the page's language from our own template (values escaped there).
      target.innerHTML = today.html;
      section.setAttribute('data-day', today.day);
      section.setAttribute('data-quarter-hours', String(today.quarterHours));
    }
  }

  function open() {
    source = new EventSource('/kiosk/stream');
    source.onmessage = onNow;
    source.addEventListener('today', onToday);
    source.onerror = function () {
      if (section.getAttribute('data-stale-shown') !== 'on') {
        setText('status', section.getAttribute('data-reconnecting'));
      }
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (e.g. the server answered with an error while restarting): try again.
        setTimeout(open, 10000);
      }
    };
  }

  setInterval(function () {
    if (Date.now() - lastEvent > STALE_MS && section.getAttribute('data-stale-shown') !== 'on') {
      section.setAttribute('data-stale-shown', 'on');
      section.removeAttribute('data-live');
      setText('status', section.getAttribute('data-stale'));
      if (source) { source.close(); }
      open();
    }
  }, 5000);

  open();
})();
