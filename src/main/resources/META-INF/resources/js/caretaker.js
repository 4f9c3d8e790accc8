// Caretaker console (optional: every form works without it). A form with data-confirm asks before it is sent:
// issuing and cancelling bills, a handover, blocking a card, ending a charging session cannot be undone.
(function () {
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
