/* "Cite this resource": fill in today's date as the accessed date and offer a copy button.
 * Without JavaScript the reference reads "(Accessed: [date])" and there is no button.
 */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  function today() {
    var now = new Date();
    return now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear();
  }

  /* The old way, for browsers without the clipboard API or pages not served over HTTPS. */
  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    area.remove();
    return copied;
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".lib-cite"), function (block) {
      var reference = block.querySelector("[data-cite]");
      var accessed = block.querySelector("[data-cite-accessed]");
      if (accessed) { accessed.textContent = today(); }
      var actions = block.querySelector(".lib-cite__actions");
      var button = block.querySelector("[data-cite-copy]");
      var status = block.querySelector(".lib-cite__status");
      if (!reference || !actions || !button) { return; }
      actions.hidden = false;
      button.addEventListener("click", function () {
        var text = reference.textContent.replace(/\s+/g, " ").trim();
        var done = function () { status.textContent = "Reference copied."; };
        var failed = function () {
          status.textContent = copyWithSelection(text) ? "Reference copied."
            : "Copying did not work here: select the reference and copy it yourself.";
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, failed);
        } else {
          failed();
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
