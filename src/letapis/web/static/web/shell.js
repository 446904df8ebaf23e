// Letapis' shell: the pages work without it. On a wide screen a folded filter box
// (<details data-open-wide>) opens, since there is room; on a phone it stays folded.
"use strict";
if (window.matchMedia("(min-width: 40rem)").matches) {
  for (const box of document.querySelectorAll("details[data-open-wide]")) box.open = true;
}
