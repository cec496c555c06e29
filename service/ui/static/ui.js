// claimledger review UI: the one script of its own (the Content-Security-Policy allows no inline script).
//
// htmx swaps a page's <main> in place (the check's result). Keyboard focus was on the button the swap removed, so
// it fell to <body> and a screen reader said nothing. After a swap, focus goes to what the reply marks with
// data-focus (the verdict's heading, the list of errors), as a person would look there; a reply that marks
// nothing (the queue's filters) leaves focus where it is.
document.addEventListener("htmx:afterSettle", function () {
  var wanted = document.querySelector("#main [data-focus]");
  if (wanted && !wanted.contains(document.activeElement)) {
    wanted.focus();
  }
});
