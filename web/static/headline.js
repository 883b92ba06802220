// The headline field is a textarea that grows with its text, so that a
// long Russian or German headline is seen whole while it is written; it
// stays one line of text: Enter does not break it and pasted line breaks
// become spaces (the server keeps a headline on one line anyway).
(function () {
  "use strict";
  var title = document.querySelector("textarea.title-input");
  if (!title || title.readOnly) return;
  var grows = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");
  function fit() {
    if (grows) return;
    title.style.blockSize = "auto";
    title.style.blockSize = title.scrollHeight + 2 + "px";
  }
  title.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.isComposing) e.preventDefault();
  });
  title.addEventListener("beforeinput", function (e) {
    if (e.inputType === "insertLineBreak" || e.inputType === "insertParagraph" || (e.inputType === "insertText" && /^[\r\n]+$/.test(e.data || ""))) {
      e.preventDefault();
    }
  });
  title.addEventListener("input", function () {
    if (/[\r\n]/.test(title.value)) {
      var at = title.selectionStart;
      title.value = title.value.replace(/\s*[\r\n]+\s*/g, " ");
      title.setSelectionRange(at, at);
    }
    fit();
  });
  window.addEventListener("resize", fit);
  fit();
})();
