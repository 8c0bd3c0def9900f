// Fee boxes (#14): the form works without this file; with it, what a box
// holds is read as the server reads it ("Parsed as: a fee of £30m") while
// the editor types, before anything is saved.
const previews = new WeakMap();

async function preview(input) {
  let line = previews.get(input);
  if (!line) {
    line = document.createElement("div");
    line.className = "help money-preview";
    line.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", line);
    previews.set(input, line);
  }
  const text = input.value.trim();
  if (!text) {
    line.textContent = "";
    return;
  }
  const url = new URL(input.dataset.moneyPreview, window.location.href);
  url.searchParams.set("text", text);
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok || input.value.trim() !== text) return;
  const answer = await response.json();
  line.textContent = answer.error || answer.parsed;
  line.classList.toggle("errornote", Boolean(answer.error));
}

let timer;
document.addEventListener("input", (event) => {
  const input = event.target.closest("input[data-money-preview]");
  if (!input) return;
  clearTimeout(timer);
  timer = setTimeout(() => preview(input), 250);
});
