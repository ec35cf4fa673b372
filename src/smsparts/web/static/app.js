// smsparts calculator page: asks POST /api/explain as you type and draws the answer.
// No framework, no build step. Text from the user or the server is only ever set with
// textContent (never innerHTML), and the Content-Security-Policy allows no inline script.
"use strict";

(function () {
  const DEBOUNCE_MS = 200;
  const $ = (id) => document.getElementById(id);

  const els = {
    text: $("text"),
    results: $("results"),
    smart: $("smart"),
    languages: $("languages"),
    encoding: $("sms-encoding"),
    summary: $("summary"),
    error: $("error"),
    encodingFact: $("fact-encoding"),
    unitsFact: $("fact-units"),
    segmentsFact: $("fact-segments"),
    remainingFact: $("fact-remaining"),
    smartNote: $("smart-note"),
    warningsBlock: $("warnings-block"),
    warnings: $("warnings"),
    segments: $("segments"),
    culpritsBlock: $("culprits-block"),
    culprits: document.querySelector("#culprits tbody"),
    templateBlock: $("template-block"),
    maxLength: $("max-length"),
    alphabet: $("alphabet"),
    templateSummary: $("template-summary"),
    variables: document.querySelector("#variables tbody"),
    templateWarnings: $("template-warnings"),
    contacts: $("contacts"),
    contactsEncoding: $("contacts-encoding"),
    sender: $("sender"),
    prices: $("prices"),
    check: $("check"),
    campaignResult: $("campaign-result"),
  };

  const COST_CLASS = { "1": "c1", "2": "c2", u: "cu" };
  const COST_TITLE = {
    "2": "2 septets: an escape to the extension table",
    u: "not in GSM-7: forces the whole message into UCS-2",
  };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function codePoint(ch) {
    return "U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
  }

  // Characters a reader cannot see: controls, format characters (zero-width space,
  // joiners, BOM, bidi marks), and every space but U+0020. Line feeds are shown as a
  // visible mark followed by the real line break.
  const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}]/u;

  function unitWord(analysis, n) {
    if (analysis.unit_name === "septets") return plural(n, "septet", "septets");
    return plural(n, "code unit", "code units");
  }

  function encodingName(value) {
    return value === "gsm7" ? "GSM-7" : "UCS-2";
  }

  // ---------------------------------------------------------------- requests

  let timer = null;
  let inFlight = null;
  let sequence = 0;

  function options() {
    const body = { text: els.text.value };
    if (els.smart.value) body.smart = els.smart.value;
    if (els.languages.value) body.languages = els.languages.value;
    if (els.encoding.value) body.sms_encoding = els.encoding.value;
    const max = els.maxLength.valueAsNumber;
    if (Number.isInteger(max) && max >= 0 && max <= 10000) body.default_max_length = max;
    body.alphabet = els.alphabet.value;
    return body;
  }

  // The result region is aria-busy from a key press until the answer to the latest
  // request is drawn; data-answers counts the answers drawn and data-drawn holds the
  // text the shown answer is for (what a test waits on, and what a reader can trust).
  function schedule() {
    if (timer !== null) clearTimeout(timer);
    els.results.setAttribute("aria-busy", "true");
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  function settle(text) {
    if (timer !== null) return; // another request is coming
    els.results.dataset.drawn = text;
    els.results.dataset.answers = String(Number(els.results.dataset.answers || "0") + 1);
    els.results.setAttribute("aria-busy", "false");
  }

  async function run() {
    timer = null;
    const mine = ++sequence;
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    const body = options();
    let response;
    let data;
    try {
      response = await fetch("/api/explain", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        signal: inFlight.signal,
      });
      data = await response.json();
    } catch (err) {
      if (err && err.name === "AbortError") return;
      if (mine === sequence) {
        showError("The server did not answer: " + err);
        settle(body.text);
      }
      return;
    }
    if (mine !== sequence) return; // a newer request is on its way
    if (!response.ok) {
      showError(describeError(data));
    } else {
      draw(data);
    }
    settle(body.text);
  }

  function describeError(data) {
    if (!data || typeof data.reason !== "string") return "The server refused the request.";
    return data.field ? data.field + ": " + data.reason : data.reason;
  }

  // An answer that is not a count (GSM-7 forced on a character outside it, a server
  // gone): say why, and draw nothing stale.
  function showError(message) {
    els.error.textContent = message;
    els.error.hidden = false;
    els.summary.textContent = "Cannot count this message: " + message;
    for (const fact of [els.encodingFact, els.unitsFact, els.segmentsFact, els.remainingFact]) {
      fact.textContent = "–";
    }
    clear(els.segments);
    clear(els.warnings);
    els.warningsBlock.hidden = true;
    els.culpritsBlock.hidden = true;
    els.templateBlock.hidden = true;
    els.smartNote.hidden = true;
  }

  // ---------------------------------------------------------------- drawing

  function draw(data) {
    const a = data.analyze;
    els.error.hidden = true;
    els.encodingFact.textContent = encodingName(a.encoding);
    els.unitsFact.textContent = unitWord(a, a.units);
    els.segmentsFact.textContent = String(a.segments);
    els.remainingFact.textContent = unitWord(a, a.remaining);
    const tables = a.locking_shift || a.single_shift
      ? " (national tables: locking " + (a.locking_shift || "default") +
        ", single " + (a.single_shift || "default") + ")"
      : "";
    els.summary.textContent = encodingName(a.encoding) + tables + ", " + unitWord(a, a.units) +
      ", " + plural(a.segments, "segment", "segments") + ", " + unitWord(a, a.remaining) +
      " left in the last one.";
    drawSmart(a.smart);
    drawWarnings(data.warnings || []);
    drawSegments(data);
    drawCulprits(a.suggest || []);
    drawTemplate(data.template);
  }

  function drawSmart(smart) {
    if (!smart) {
      els.smartNote.hidden = true;
      return;
    }
    let text;
    if (smart.applied) {
      text = "Transliteration (" + smart.level + ") applied: " +
        plural(smart.replacements.length, "replacement", "replacements") + ", " +
        smart.segments_before + " → " + plural(smart.segments_after, "segment", "segments") +
        ". The segments below show the text that would be sent.";
    } else {
      text = "Transliteration (" + smart.level + ") not applied: it would not lower the cost.";
    }
    if (smart.unmappable.length) {
      text += " Still UCS-2 at every level: " +
        smart.unmappable.slice(0, 5).map((c) => c.char + " " + c.code_point).join(", ") +
        (smart.unmappable.length > 5 ? ", …" : "") + ".";
    }
    els.smartNote.textContent = text;
    els.smartNote.hidden = false;
  }

  function drawWarnings(warnings) {
    clear(els.warnings);
    for (const w of warnings) {
      const li = el("li", "warning", w.message);
      li.dataset.code = w.code;
      els.warnings.appendChild(li);
    }
    els.warningsBlock.hidden = warnings.length === 0;
  }

  function drawSegments(data) {
    clear(els.segments);
    const a = data.analyze;
    if (data.split === null) {
      const li = el("li", "segment");
      li.appendChild(el("p", "segment-head", describeError(data.split_error)));
      els.segments.appendChild(li);
      return;
    }
    const costs = Array.from(data.costs);
    const total = data.split.length;
    for (const seg of data.split) {
      const li = el("li", "segment");
      li.dataset.index = String(seg.index);
      li.appendChild(el("p", "segment-head",
        "Segment " + seg.index + " of " + total + ": " + seg.units + " / " +
        unitWord(a, seg.capacity)));
      const p = el("p", "chars");
      drawCharacters(p, seg.text, costs, seg.start);
      li.appendChild(p);
      els.segments.appendChild(li);
    }
  }

  // The page draws grapheme clusters (what a reader sees as one character: an emoji
  // with its joiners, a letter with its combining accent), never half of one.
  const SEGMENTER = typeof Intl !== "undefined" && Intl.Segmenter
    ? new Intl.Segmenter(undefined, { granularity: "grapheme" })
    : null;
  const RANK = { "1": 0, "2": 1, u: 2 };

  function clusters(text) {
    if (!SEGMENTER) return Array.from(text);
    return Array.from(SEGMENTER.segment(text), (part) => part.segment);
  }

  function label(ch) {
    if (ch === "\n") return "↵";
    if (ch === "\r") return "␍";
    if (ch === "\t") return "⇥";
    return codePoint(ch);
  }

  // Runs of 1-septet characters become one text node; every other cluster gets its
  // own span with a class (its costliest code point), a title naming its code points
  // and, when it is only invisible characters, a visible label.
  function drawCharacters(parent, text, costs, start) {
    let run = "";
    const flush = () => {
      if (run) parent.appendChild(document.createTextNode(run));
      run = "";
    };
    let at = start;
    for (const cluster of clusters(text)) {
      const points = Array.from(cluster);
      let cost = "1";
      for (let i = 0; i < points.length; i++) {
        const c = costs[at + i] || "u";
        if (RANK[c] > RANK[cost]) cost = c;
      }
      at += points.length;
      const invisible = points.every((ch) => INVISIBLE.test(ch) && ch !== " ");
      if (cost === "1" && !invisible) {
        run += cluster;
        continue;
      }
      flush();
      const span = el("span", "ch " + COST_CLASS[cost]);
      let title = points.map(codePoint).join(" ");
      if (COST_TITLE[cost]) title += ": " + COST_TITLE[cost];
      if (invisible) {
        span.classList.add("inv");
        span.textContent = points.map(label).join("");
        title += " (invisible or a line break)";
      } else {
        span.textContent = cluster;
      }
      span.title = title;
      span.dataset.cost = cost;
      parent.appendChild(span);
      if (cluster.endsWith("\n")) parent.appendChild(document.createTextNode("\n"));
    }
    flush();
  }

  function shownReplacement(text) {
    if (text === null) return "no replacement";
    if (text === "") return "(removed)";
    if (text === " ") return "(a plain space)";
    return text;
  }

  function drawCulprits(suggest) {
    clear(els.culprits);
    for (const entry of suggest) {
      const tr = el("tr");
      const first = el("td");
      const invisible = INVISIBLE.test(entry.char) && entry.char !== " ";
      first.appendChild(el("span", invisible ? "ch cu inv" : "ch cu",
        invisible ? entry.code_point : entry.char));
      first.appendChild(document.createTextNode(" "));
      first.appendChild(el("span", "cp", entry.code_point + (entry.name ? " " + entry.name : "")));
      tr.appendChild(first);
      tr.appendChild(el("td", "num", String(entry.occurrences)));
      tr.appendChild(el("td", "", shownReplacement(entry.replacement)));
      tr.appendChild(el("td", "", entry.level || "–"));
      const saved = entry.segments_saved;
      tr.appendChild(el("td", "num", saved > 0 ? plural(saved, "segment", "segments")
        : saved < 0 ? "costs " + plural(-saved, "segment", "segments") + " more" : "nothing alone"));
      els.culprits.appendChild(tr);
    }
    els.culpritsBlock.hidden = suggest.length === 0;
  }

  function drawTemplate(template) {
    clear(els.variables);
    clear(els.templateWarnings);
    if (!template) {
      els.templateBlock.hidden = true;
      return;
    }
    els.templateBlock.hidden = false;
    if (template.error) {
      els.templateSummary.textContent = "Template error: " + template.error.reason;
      return;
    }
    const b = template.bounds;
    els.templateSummary.textContent = "Any contact: " +
      (b.min_segments === b.max_segments ? plural(b.max_segments, "segment", "segments")
        : b.min_segments + " to " + b.max_segments + " segments") +
      " (" + encodingName(b.min_encoding) +
      (b.max_encoding !== b.min_encoding ? " to " + encodingName(b.max_encoding) : "") + ").";
    for (const v of b.variables) {
      const tr = el("tr");
      tr.appendChild(el("td", "", "@" + v.name));
      tr.appendChild(el("td", "num", plural(v.max_length, "character", "characters")));
      tr.appendChild(el("td", "", v.forces_ucs2 ? "yes" : "no"));
      tr.appendChild(el("td", "num", v.segments_basic + " / " + v.segments_max));
      els.variables.appendChild(tr);
    }
    for (const w of b.warnings) els.templateWarnings.appendChild(el("li", "warning", w));
  }

  // ---------------------------------------------------------------- campaign

  function base64Of(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  async function checkCampaign() {
    clear(els.campaignResult);
    const payload = { text: els.text.value, contacts: [] };
    if (els.sender.value.trim()) payload.senderId = els.sender.value.trim();
    const body = { payload: payload, max_issues: 20, encoding: els.contactsEncoding.value };
    const file = els.contacts.files && els.contacts.files[0];
    if (file) {
      body.contacts = [{ name: file.name, content_base64: base64Of(await file.arrayBuffer()) }];
    }
    const prices = els.prices.files && els.prices.files[0];
    if (prices) body.prices = await prices.text();
    els.check.disabled = true;
    els.campaignResult.appendChild(el("p", "", "Checking…"));
    let response;
    let data;
    try {
      response = await fetch("/api/check", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      data = await response.json();
    } catch (err) {
      clear(els.campaignResult);
      els.campaignResult.appendChild(el("p", "error", "The server did not answer: " + err));
      return;
    } finally {
      els.check.disabled = false;
    }
    clear(els.campaignResult);
    if (!response.ok) {
      els.campaignResult.appendChild(el("p", "error", describeError(data)));
      return;
    }
    drawReport(data);
  }

  function drawReport(report) {
    const head = el("p", report.ok ? "note report-summary" : "error report-summary",
      (report.ok ? "Ready to send. " : "Not ready. ") + report.summary + ".");
    els.campaignResult.appendChild(head);
    const est = report.estimate;
    const facts = el("p", "report-estimate",
      plural(est.recipients, "recipient", "recipients") + " (" + est.excluded + " excluded), " +
      plural(est.segments, "segment", "segments") + " per sending, " +
      est.by_encoding.gsm7 + " in GSM-7 and " + est.by_encoding.ucs2 + " in UCS-2" +
      (est.cost !== null ? ", cost " + est.cost : "") + ".");
    els.campaignResult.appendChild(facts);
    const hist = est.histogram || {};
    const keys = Object.keys(hist).sort((x, y) => Number(x) - Number(y));
    if (keys.length) {
      const most = Math.max(...keys.map((k) => hist[k]));
      const wrap = el("div", "scroll");
      const table = el("table", "histogram");
      table.appendChild(el("caption", "", "Segments per recipient"));
      const head = el("tr");
      head.appendChild(el("th", "", "Segments"));
      head.appendChild(el("th", "", "Recipients"));
      table.appendChild(head);
      for (const k of keys) {
        const tr = el("tr");
        tr.appendChild(el("td", "num", k));
        const td = el("td");
        const bar = el("span", "bar");
        bar.style.width = Math.max(0.2, (hist[k] / most) * 12).toFixed(2) + "rem";
        td.appendChild(bar);
        td.appendChild(document.createTextNode(String(hist[k])));
        tr.appendChild(td);
        table.appendChild(tr);
      }
      wrap.appendChild(table);
      els.campaignResult.appendChild(wrap);
    }
    if (report.issues.length) {
      const ul = el("ul", "warnings issues");
      for (const issue of report.issues) {
        const li = el("li", "issue " + issue.severity,
          issue.severity + " · " + (issue.path || "payload") + ": " + issue.message);
        li.dataset.code = issue.code;
        ul.appendChild(li);
      }
      const shown = report.issues.length;
      const total = Object.values(report.issue_counts).reduce((a, b) => a + b, 0);
      if (total > shown) ul.appendChild(el("li", "", "and " + (total - shown) + " more"));
      els.campaignResult.appendChild(ul);
    }
  }

  // ---------------------------------------------------------------- wiring

  els.text.addEventListener("input", schedule);
  for (const control of [els.smart, els.languages, els.encoding, els.alphabet]) {
    control.addEventListener("change", schedule);
  }
  els.maxLength.addEventListener("input", schedule);
  els.check.addEventListener("click", checkCampaign);
  if (els.text.value) schedule();
})();
