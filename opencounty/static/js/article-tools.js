// 打印 as a button once scripts run; without them the page prints through the browser's own
// command and the print stylesheet does the work either way.
document.querySelectorAll("button.print-page").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
