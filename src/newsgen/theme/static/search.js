// The search page: Pagefind's index of the articles, queried as the reader types.
// The form works without this script (it keeps the query in the address); the script
// reads the address, searches, and shows results with filters by year and by topic.
// The index comes in parts of consecutive months (newest first), one Pagefind instance
// each: a search asks the parts its year filter allows and puts their answers together.
// Everything from the index is put on the page as text, never as HTML, except the
// <mark> of an excerpt, which is rebuilt as an element.

import { isFormOf, queryWords } from "./word_match.js";

const PAGE_SIZE = 10;
const TOPIC_CHOICES = 12;

const app = document.getElementById("search-app");
const form = document.querySelector(".search-form");
const query = document.getElementById("search-query");
const year = document.getElementById("search-year");
const order = document.getElementById("search-order");
const topic = document.getElementById("search-topic");
const status = document.getElementById("search-status");
const topicsBox = document.getElementById("search-topics");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const text = JSON.parse(app.dataset.text);
const parts = app.dataset.parts.split(",").filter(Boolean).map((part) => {
  const [name, first, last] = part.split(" ");
  return { name, first: Number(first), last: Number(last), instance: null };
});

const LANGUAGE = document.documentElement.lang;
const INDEX_FOLDER = new URL("../pagefind/", import.meta.url);
let pagefind = null; // Pagefind's module, loaded once; each part gets an instance of it
let latest = 0; // the number of the newest search, so a slow older one never wins
let remaining = [];
let pagefindWork = Promise.resolve();

// Pagefind's instances share one worker and one WebAssembly memory: every call to them
// waits for the one before, so the work of two parts never overlaps.
function serially(work) {
  const run = pagefindWork.then(work);
  pagefindWork = run.catch(() => undefined);
  return run;
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  query.value = params.get("q") || "";
  year.value = params.get("year") || "";
  order.value = params.get("order") === "newest" ? "newest" : "";
  topic.value = params.get("topic") || "";
}

function writeAddress() {
  const params = new URLSearchParams();
  if (query.value.trim()) params.set("q", query.value.trim());
  if (year.value) params.set("year", year.value);
  if (order.value) params.set("order", order.value);
  if (topic.value) params.set("topic", topic.value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

function searchOptions() {
  const filters = {};
  if (year.value) filters.year = year.value;
  if (topic.value) filters.topic = topic.value;
  const options = { filters };
  if (order.value === "newest") options.sort = { date: "desc" };
  return options;
}

// A part's instance, made when a search first asks that part (a search within one year
// loads only the parts of that year); two searches at once share the one being made.
function ready(part) {
  part.ready ??= makeInstance(part).catch((error) => {
    part.ready = null; // the next search tries again
    throw error;
  });
  return part.ready;
}

// Parts are made one at a time, each with its WebAssembly loaded before the next begins:
// Pagefind's instances share one copy of it, and two loading at once each make their own,
// the second replacing the memory the first's index lives in ("memory access out of
// bounds"). Asking for the filters waits until the index and its WebAssembly are in.
function makeInstance(part) {
  const basePath = new URL(`${part.name}/`, INDEX_FOLDER).pathname;
  return serially(async () => {
    const instance = pagefind.createInstance({ basePath });
    await instance.options({ excerptLength: 30 });
    await instance.filters(); // so each search counts its results by topic
    return instance;
  });
}

function failed(error) {
  status.textContent = text.failed;
  app.setAttribute("aria-busy", "false");
  console.warn("newsgen search:", error);
}

async function runSearch() {
  const number = ++latest;
  try {
    await search(number);
  } catch (error) {
    if (number === latest) failed(error); // an older search's failure is no longer news
  }
}

async function search(number) {
  app.setAttribute("aria-busy", "true");
  remaining = []; // "show more" must not take the last search's results now
  more.hidden = true;
  writeAddress();
  const words = query.value.trim();
  if (!words && !year.value && !topic.value) {
    await show([], null, number);
    status.textContent = text.prompt;
    return;
  }
  status.textContent = text.loading;
  const asked = parts.filter((p) => !year.value || (p.first <= +year.value && +year.value <= p.last));
  const answers = [];
  for (const part of asked) {
    const instance = await ready(part);
    const holds = !words || (await holdsEveryWord(part, instance, words));
    if (number !== latest) return; // a newer search is under way
    if (!holds) continue;
    const answer = await serially(() => instance.search(words || null, searchOptions()));
    if (number !== latest) return; // a newer search is under way
    for (const result of answer.results) result.part = part;
    answers.push(answer);
  }
  await show(combined(answers), topicCounts(answers), number);
}

// Whether this part of the index has every word of the query, not only a prefix of one
// (which Pagefind would search for instead, and find in unrelated articles).
async function holdsEveryWord(part, instance, words) {
  part.holds ??= new Map();
  for (const word of queryWords(words)) {
    if (!part.holds.has(word)) part.holds.set(word, await holdsWord(instance, word));
    if (!part.holds.get(word)) return false;
  }
  return true;
}

async function holdsWord(instance, word) {
  const answer = await serially(() => instance.search(word));
  if (!answer.results.length) return false;
  const first = await serially(() => answer.results[0].data());
  const marked = [...(first.excerpt || "").matchAll(/<mark>([^<]*)<\/mark>/g)];
  return marked.some((match) => isFormOf(unescapeText(match[1]), word, LANGUAGE));
}

// Parts are newest first: for "newest first" their sorted answers follow one another;
// otherwise every result is ranked by its score.
function combined(answers) {
  const results = answers.flatMap((answer) => answer.results);
  return order.value === "newest" ? results : results.sort((a, b) => b.score - a.score);
}

function topicCounts(answers) {
  const counts = {};
  for (const answer of answers) {
    for (const [name, count] of Object.entries((answer.filters || {}).topic || {})) {
      counts[name] = (counts[name] || 0) + count;
    }
  }
  return counts;
}

async function show(results, counts, number) {
  if (number !== latest) return; // only the newest search may replace what is shown
  list.replaceChildren();
  remaining = results;
  status.textContent = results.length
    ? text.found.replace("{count}", String(results.length))
    : text.nothing;
  showTopics(counts || {});
  await showMore(number);
  if (number === latest) app.setAttribute("aria-busy", "false"); // the tests wait for this
}

// The next results of the search `number`; nothing if a newer search has begun.
async function showMore(number) {
  const batch = remaining.slice(0, PAGE_SIZE);
  remaining = remaining.slice(PAGE_SIZE);
  const data = [];
  for (const part of parts) {
    const mine = batch.filter((result) => result.part === part);
    if (!mine.length) continue;
    const loaded = await serially(() => Promise.all(mine.map((result) => result.data())));
    mine.forEach((result, index) => (data[batch.indexOf(result)] = loaded[index]));
  }
  if (number !== latest) return;
  const items = data.map(resultItem);
  list.append(...items);
  more.hidden = remaining.length === 0;
  return items[0];
}

function resultItem(item) {
  const entry = document.createElement("li");
  entry.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "teaser-title";
  const link = document.createElement("a");
  link.href = sameSiteUrl(item.url);
  link.textContent = (item.meta && item.meta.title) || item.url;
  heading.append(link);
  entry.append(heading);
  if (item.meta && item.meta.date) {
    const date = document.createElement("p");
    date.className = "meta";
    date.textContent = item.meta.date;
    entry.append(date);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "summary";
  const nodes = withoutHeadline(excerptNodes(item.excerpt || ""), link.textContent);
  // All of it was the headline: the article's summary says what else it is about.
  const summary = (item.meta && item.meta.summary) || "";
  excerpt.append(...(nodes.length ? nodes : [document.createTextNode(summary)]));
  entry.append(excerpt);
  return entry;
}

// An excerpt from an article's start repeats its headline, shown just above it: the index
// holds the headline and then the text, whose lede may open with the headline's sentence.
// The excerpt then starts after them: after the end of the headline it starts within
// (at a word), and after the whole headline again.
function withoutHeadline(nodes, headline) {
  const title = squeeze(headline);
  for (let round = 0; round < 2 && title; round++) {
    const repeated = headlineAtStart(squeeze(nodes.map((n) => n.textContent).join("")), title);
    if (!repeated) break;
    nodes = withoutLeadingPunctuation(dropLetters(nodes, repeated));
  }
  return nodes;
}

function withoutLeadingPunctuation(nodes) {
  const first = nodes[0];
  if (first && first.nodeType === Node.TEXT_NODE) {
    first.textContent = first.textContent.replace(/^[\s.,;:!?…—–-]+/u, "");
    if (!first.textContent) return nodes.slice(1);
  }
  return nodes;
}

// How many letters at the start of `text` are the headline: all of it, or its end from a
// word on (at least a few words); 0 when it does not start with either.
function headlineAtStart(text, title) {
  if (text.startsWith(title) || title.startsWith(text)) return Math.min(text.length, title.length);
  for (let from = title.indexOf(" ") + 1; from > 0 && title.length - from >= 15; ) {
    const end = title.slice(from);
    if (text.startsWith(end)) return end.length;
    from = title.indexOf(" ", from) + 1;
  }
  return 0;
}

function squeeze(text) {
  return text.replace(/\s+/gu, " ").trim();
}

// The nodes without their first `count` letters, counted as `squeeze` counts them (a run
// of spaces is one; spaces at the start are none).
function dropLetters(nodes, count) {
  let remaining = count;
  let afterSpace = true;
  const kept = [];
  for (const node of nodes) {
    const text = node.textContent;
    let cut = 0;
    while (remaining > 0 && cut < text.length) {
      const space = /\s/u.test(text[cut]);
      if (!(space && afterSpace)) remaining -= 1;
      afterSpace = space;
      cut += 1;
    }
    if (cut < text.length) {
      node.textContent = text.slice(cut);
      kept.push(node);
    }
  }
  return kept;
}

// Pagefind gives URLs from the site's root; anything else is not ours to link to.
function sameSiteUrl(url) {
  return typeof url === "string" && url.startsWith("/") && !url.startsWith("//") ? url : "#";
}

// The excerpt is escaped text with <mark> around the words found: keep only those.
function excerptNodes(excerpt) {
  const nodes = [];
  let marked = false;
  for (const part of excerpt.split(/(<\/?mark>)/)) {
    if (part === "<mark>") marked = true;
    else if (part === "</mark>") marked = false;
    else if (part) {
      const words = document.createTextNode(unescapeText(part));
      if (marked) {
        const mark = document.createElement("mark");
        mark.append(words);
        nodes.push(mark);
      } else nodes.push(words);
    }
  }
  return nodes;
}

function unescapeText(escaped) {
  const parsed = new DOMParser().parseFromString(`<p>${escaped}</p>`, "text/html");
  return parsed.body.textContent || "";
}

function showTopics(counts) {
  // A chip pressed by keyboard is replaced: its new self (or the first chip) keeps focus.
  const focused = topicsBox.contains(document.activeElement) ? document.activeElement : null;
  topicsBox.replaceChildren();
  const names = Object.keys(counts)
    .filter((name) => counts[name] > 0)
    .sort((a, b) => counts[b] - counts[a] || a.localeCompare(b))
    .slice(0, TOPIC_CHOICES);
  if (topic.value && !names.includes(topic.value)) names.unshift(topic.value);
  topicsBox.hidden = names.length === 0;
  if (!names.length) return;
  const heading = document.createElement("h2");
  heading.textContent = text.topics;
  const chips = document.createElement("ul");
  chips.className = "chips";
  if (topic.value) chips.append(topicButton("", text.clear_topic, null));
  for (const name of names) chips.append(topicButton(name, name, counts[name]));
  topicsBox.append(heading, chips);
  if (focused) {
    const same = [...chips.querySelectorAll("button")].find((b) => b.value === focused.value);
    (same || chips.querySelector("button")).focus();
  }
}

function topicButton(value, label, count) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "chip";
  button.value = value;
  button.textContent = label;
  if (count !== null && count !== undefined) {
    const number = document.createElement("span");
    number.className = "count";
    number.textContent = ` ${count}`;
    button.append(number);
  }
  button.setAttribute("aria-pressed", String(value !== "" && value === topic.value));
  button.addEventListener("click", () => {
    topic.value = value === topic.value ? "" : value;
    runSearch();
  });
  item.append(button);
  return item;
}

async function start() {
  readAddress();
  app.hidden = false;
  if (!parts.length) {
    status.textContent = text.nothing; // an archive without articles has no index
    return;
  }
  try {
    pagefind = await import(new URL(`${parts[0].name}/pagefind.js`, INDEX_FOLDER).href);
  } catch (error) {
    failed(error);
    return;
  }
  let pause = 0;
  query.addEventListener("input", () => {
    clearTimeout(pause);
    pause = setTimeout(runSearch, 250);
  });
  for (const select of [year, order]) select.addEventListener("change", runSearch);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    runSearch();
  });
  // After "show more", focus moves to the first new result (the button may be gone).
  more.addEventListener("click", () =>
    showMore(latest)
      .then((first) => first?.querySelector("a")?.focus())
      .catch(failed),
  );
  await runSearch();
}

start();
