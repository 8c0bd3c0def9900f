// The what-if squad view (#16): the form works without this file; with it,
// ticking a move redraws the summary and the pitch in place.
document.addEventListener("change", async (event) => {
  const form = event.target.closest("form[data-what-if]");
  if (!form) return;
  const url = new URL(form.action);
  url.search = new URLSearchParams(new FormData(form)).toString();
  const response = await fetch(url, { headers: { Accept: "text/html" } });
  if (!response.ok) return form.submit();
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.getElementById("what-if-result");
  if (!fresh) return form.submit();
  document.getElementById("what-if-result").replaceWith(fresh);
  history.replaceState(null, "", url.pathname + url.search);
});
