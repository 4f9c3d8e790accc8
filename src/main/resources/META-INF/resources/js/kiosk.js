// Live values on the kiosk page over Server-Sent Events; the page reads fine without this script.
// Texts arrive already in the page's language (the stream is opened with the page's cookies).
(function () {
  if (!window.EventSource) { return; }
  var section = document.querySelector('.kiosk');
  if (!section) { return; }
  var source = new EventSource('/kiosk/stream');
  source.onmessage = function (event) {
    var now = JSON.parse(event.data);
    ['pv', 'consumption', 'grid', 'gridDirection', 'signalText', 'status'].forEach(function (key) {
      var el = document.getElementById(key);
      if (el) { el.textContent = now[key]; }
    });
    section.setAttribute('data-signal', now.signal);
    section.setAttribute('data-live', 'on');
  };
  source.onerror = function () {
    var status = document.getElementById('status');
    if (status) { status.textContent = section.getAttribute('data-reconnecting'); }
  };
})();
