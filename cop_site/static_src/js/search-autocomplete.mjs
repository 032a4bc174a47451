// Suggests page titles while someone types in a search box, through the browser's own
// <datalist>, so the suggestions are announced and chosen the way the browser always does it
// (no custom listbox to get wrong). Choosing a suggestion only fills in the box: the form still
// goes to the search page. Without this script the box is a plain search form.
//
// Enhances every <input data-autocomplete-url="/search/autocomplete/">. The URL answers
// GET ?q=… with {"suggestions": [{"title": "…", "url": "…"}]}, listing only pages the person
// may read.

const MIN_LENGTH = 2;
const DELAY_MS = 200;
const MAX_CACHED = 50;

let datalistCount = 0;

function normalise(text) {
  return text.trim().replace(/\s+/g, " ");
}

function createDatalist(input) {
  datalistCount += 1;
  const datalist = document.createElement("datalist");
  datalist.id = `${input.id || "search"}-suggestions-${datalistCount}`;
  input.insertAdjacentElement("afterend", datalist);
  input.setAttribute("list", datalist.id);
  return datalist;
}

function showSuggestions(datalist, suggestions) {
  const seen = new Set();
  const options = [];
  for (const suggestion of suggestions) {
    const title = typeof suggestion?.title === "string" ? normalise(suggestion.title) : "";
    if (!title || seen.has(title)) {
      continue;
    }
    seen.add(title);
    const option = document.createElement("option");
    option.value = title;
    options.push(option);
  }
  datalist.replaceChildren(...options);
}

function enhance(input) {
  if (input.dataset.autocompleteEnhanced === "true") {
    return;
  }
  input.dataset.autocompleteEnhanced = "true";

  const endpoint = new URL(input.dataset.autocompleteUrl, window.location.href);
  const datalist = createDatalist(input);
  const cache = new Map();
  let timer = null;
  let controller = null;
  let shownFor = "";

  function cancelPending() {
    window.clearTimeout(timer);
    timer = null;
    if (controller) {
      controller.abort();
      controller = null;
    }
  }

  function remember(query, suggestions) {
    if (cache.size >= MAX_CACHED) {
      cache.delete(cache.keys().next().value);
    }
    cache.set(query, suggestions);
  }

  async function fetchSuggestions(query) {
    if (cache.has(query)) {
      return cache.get(query);
    }
    controller = new AbortController();
    const url = new URL(endpoint);
    url.searchParams.set("q", query);
    const response = await fetch(url, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: controller.signal,
    });
    if (!response.ok) {
      return null;
    }
    const data = await response.json();
    const suggestions = Array.isArray(data?.suggestions) ? data.suggestions : [];
    remember(query, suggestions);
    return suggestions;
  }

  async function update() {
    timer = null;
    const query = normalise(input.value);
    if (query.length < MIN_LENGTH) {
      shownFor = "";
      datalist.replaceChildren();
      return;
    }
    if (query === shownFor) {
      return;
    }
    try {
      const suggestions = await fetchSuggestions(query);
      // Only the answer for what is in the box now is shown; a late answer is dropped.
      if (suggestions !== null && normalise(input.value) === query) {
        shownFor = query;
        showSuggestions(datalist, suggestions);
      }
    } catch (error) {
      // An aborted request was replaced by a newer one; any other failure (offline, a server
      // error) leaves the box working as a plain search form.
      if (error.name !== "AbortError") {
        datalist.replaceChildren();
        shownFor = "";
      }
    }
  }

  input.addEventListener("input", (event) => {
    cancelPending();
    // Choosing one of the suggestions fills the box; it needs no new suggestions.
    if (
      event.inputType === "insertReplacementText" ||
      Array.from(datalist.options).some((option) => option.value === input.value)
    ) {
      return;
    }
    timer = window.setTimeout(update, DELAY_MS);
  });

  // Sending the form needs no suggestions still on their way.
  input.form?.addEventListener("submit", cancelPending);
}

function enhanceAll(root = document) {
  for (const input of root.querySelectorAll("input[data-autocomplete-url]")) {
    enhance(input);
  }
}

if ("fetch" in window && "AbortController" in window) {
  enhanceAll();
}

export { enhanceAll };
