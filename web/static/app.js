// The farm status page: one aggregate read (/api/status), then live updates over server-sent events.
// Every piece of user text goes into the page through textContent or attributes, never as markup.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const STALE_MS = 90000; // a printing printer silent this long is shown as not reporting
  const POLL_MS = 20000; // also re-read the status this often: catches a silently dead connection
  const STATE_WORDS = {
    printing: "Printing", idle: "Ready", finished: "Finished", paused: "Paused", preparing: "Starting",
    error: "Needs attention", offline: "Offline",
  };
  const REFRESH_ON = [
    "job.queued", "job.dispatch", "job.start", "job.unclaim", "job.pause", "job.resume", "job.complete",
    "job.fail", "job.interrupt", "job.requeue", "job.cancel", "order.created", "order.schedule",
    "order.progress", "order.fulfil", "order.ship", "order.cancel", "printer.added", "printer.removed",
    "printer.plate_cleared", "printer.plate_occupied", "printer.filament_loaded", "consumable.created",
    "consumable.stock_adjusted", "consumable.low_stock", "outbox.failed", "outbox.retry",
  ];
  const LIVE = ["state", "telemetry", "job_started", "job_completed", "job_failed", "job_interrupted", "filaments"];

  let me = null;
  let csrf = null;
  let snapshot = null;
  let clockOffset = 0; // server clock minus ours, in ms
  let source = null;
  let refreshTimer = null;
  let pollTimer = null;
  let online = true;
  const live = new Map(); // printer id -> live status
  const heard = new Map(); // printer id -> local ms when it last reported

  function h(tag, props, ...kids) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "text") el.textContent = value;
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    for (const kid of kids.flat()) {
      if (kid !== null && kid !== undefined && kid !== false) el.append(kid instanceof Node ? kid : String(kid));
    }
    return el;
  }

  async function api(method, path, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
    const response = await fetch(path, {
      method, headers, credentials: "same-origin", cache: "no-store",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let payload = null;
    try { payload = await response.json(); } catch (e) { payload = null; }
    if (!response.ok) {
      const message = (payload && payload.error && payload.error.message) || `${response.status} ${response.statusText}`;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return payload;
  }

  let toastTimer = null;
  function toast(message, bad) {
    const el = $("toast");
    el.textContent = message;
    el.className = bad ? "toast bad" : "toast";
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.hidden = true; }, bad ? 8000 : 3500);
  }

  function setOnline(ok) {
    online = ok;
    $("offline").hidden = ok;
    $("app").classList.toggle("stale", !ok);
    $("conn").textContent = ok ? "live" : "offline";
    $("conn").className = ok ? "conn live" : "conn down";
    document.body.dataset.online = ok ? "yes" : "no";
  }

  // ---- formatting ----
  const pad = (n) => String(n).padStart(2, "0");
  function clock(ms) { const d = new Date(ms); return `${pad(d.getHours())}:${pad(d.getMinutes())}`; }
  function duration(seconds) {
    const s = Math.max(0, Math.round(seconds));
    const hours = Math.floor(s / 3600);
    const minutes = Math.floor((s % 3600) / 60);
    if (hours) return `${hours} h ${pad(minutes)} min`;
    if (minutes) return `${minutes} min`;
    return `${s} s`;
  }
  function temp(label, t) {
    if (!t || typeof t.actual !== "number") return null;
    const target = typeof t.target === "number" && t.target > 0 ? ` / ${Math.round(t.target)}` : "";
    return `${label} ${Math.round(t.actual)}${target} °C`;
  }
  const isColour = (c) => typeof c === "string" && /^#[0-9a-fA-F]{6}$/.test(c);

  // ---- actions ----
  const canAct = () => me && me.via !== "kiosk";
  const mayAct = () => me && (me.role === "operator" || me.role === "admin");

  async function act(button, method, path, body, done) {
    button.disabled = true;
    try {
      await api(method, path, body);
      toast(done);
      scheduleRefresh(0);
    } catch (error) {
      if (error.status === 401) { showLogin("Your session ended; please log in again."); return; }
      toast(error.message, true);
    } finally {
      button.disabled = false;
    }
  }

  function actionButton(label, onclick, cls) {
    const locked = !mayAct();
    return h("button", {
      type: "button", class: [cls, locked ? "locked" : ""].filter(Boolean).join(" ") || null, onclick,
      title: locked ? "Your role can only look; an operator or admin can do this" : null,
    }, label);
  }

  function confirmCancel(printerName, job, button) {
    const dialog = $("confirm");
    $("confirm-text").textContent = `Cancel ${job.model_name} (job ${job.id}) on ${printerName}? The printer stops and the part is lost.`;
    dialog.returnValue = "";
    dialog.onclose = () => {
      if (dialog.returnValue === "yes") act(button, "POST", `/api/jobs/${job.id}/cancel`, undefined, `Job ${job.id} cancelled`);
    };
    dialog.showModal();
  }

  // ---- printers ----
  function printerCard(p) {
    const s = live.get(p.id) || p.status || {};
    const state = s.state || "offline";
    const job = p.job;
    const card = h("article", { class: `card s-${state}`, "data-printer-id": p.id, "data-state": state,
      "data-job-id": job ? job.id : "",
      "data-actions": `${state}|${job ? job.id : ""}|${p.plate_clear}` });
    card.append(h("header", null, h("h3", { text: p.name }), h("span", { class: "badge", text: STATE_WORDS[state] || state })));
    card.append(h("p", { class: "model", text: [p.model, p.driver].filter(Boolean).join(" · ") }));
    if (!p.plate_clear) {
      const banner = h("div", { class: "plate", role: "alert" },
        h("strong", { text: "Waiting for plate clear" }),
        h("span", { text: "Take the finished print off the plate, then tap:" }));
      if (canAct()) {
        const btn = actionButton("Plate cleared", () => act(btn, "POST", `/api/printers/${p.id}/plate-cleared`, undefined,
          `${p.name}: plate cleared`), "plate-cleared");
        banner.append(btn);
      }
      card.append(banner);
    }
    if (job) {
      const where = job.order_reference ? ` · ${job.order_reference}` : "";
      card.append(h("p", { class: "job", text: `${job.model_name}${where}` }));
    }
    if (["printing", "paused", "preparing"].includes(state) || (state === "finished" && job)) {
      const fraction = typeof s.progress === "number" ? Math.min(1, Math.max(0, s.progress)) : null;
      const bar = h("div", { class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100,
        "aria-valuenow": fraction === null ? null : Math.round(fraction * 100) }, h("span"));
      bar.firstChild.style.width = `${fraction === null ? 0 : fraction * 100}%`;
      card.append(bar);
      const parts = [];
      if (fraction !== null) parts.push(`${Math.round(fraction * 100)}%`);
      if (typeof s.time_left_s === "number" && state !== "finished") {
        parts.push(`${duration(s.time_left_s)} left`);
        parts.push(`done ≈ ${clock(Date.now() + s.time_left_s * 1000)}`);
      }
      if (s.layer && s.total_layers) parts.push(`layer ${s.layer}/${s.total_layers}`);
      if (parts.length) card.append(h("p", { class: "times", text: parts.join(" · ") }));
    }
    const temps = s.temperatures || {};
    const shown = [temp("Nozzle", temps.tool0), temp("Bed", temps.bed), temp("Chamber", temps.chamber)].filter(Boolean);
    if (shown.length) card.append(h("p", { class: "temps", text: shown.join(" · ") }));
    const filaments = (s.filaments && s.filaments.length ? s.filaments : p.loaded) || [];
    if (filaments.length) {
      const swatches = h("div", { class: "swatches", "aria-label": "Loaded filament" });
      for (const f of filaments) {
        const label = `${f.slot}: ${f.material || "?"} ${f.colour || "colour unknown"}`;
        const dot = h("span", { class: "swatch", title: label, role: "img", "aria-label": label });
        if (isColour(f.colour)) dot.style.background = f.colour;
        swatches.append(dot);
      }
      card.append(swatches);
    }
    if (s.message && (state === "offline" || state === "error")) card.append(h("p", { class: "warn", text: s.message }));
    const last = heard.get(p.id);
    if (["printing", "preparing"].includes(state) && last && Date.now() - last > STALE_MS) {
      card.classList.add("silent");
      card.append(h("p", { class: "warn silent-note", text: `Not reporting since ${clock(last)}` }));
    }
    if (canAct() && job) {
      const row = h("div", { class: "actions" });
      if (state === "printing") {
        const b = actionButton("Pause", () => act(b, "POST", `/api/printers/${p.id}/pause`, undefined, `${p.name} paused`), "pause");
        row.append(b);
      }
      if (state === "paused") {
        const b = actionButton("Resume", () => act(b, "POST", `/api/printers/${p.id}/resume`, undefined, `${p.name} resumed`), "resume");
        row.append(b);
      }
      const c = actionButton("Cancel job", () => confirmCancel(p.name, job, c), "cancel");
      row.append(c);
      card.append(row);
    }
    return card;
  }

  function renderPrinters() {
    const cards = snapshot.printers.map(printerCard);
    $("printers").replaceChildren(...(cards.length ? cards : [h("p", { class: "muted", text: "No printers yet." })]));
    const busy = snapshot.printers.filter((p) => (live.get(p.id) || p.status || {}).state === "printing").length;
    $("printer-count").textContent = `${busy} of ${snapshot.printers.length} printing`;
  }

  function renderPrinter(id) {
    const p = snapshot && snapshot.printers.find((x) => x.id === id);
    const old = document.querySelector(`article[data-printer-id="${id}"]`);
    if (!p || !old) return;
    const card = printerCard(p);
    if (card.dataset.actions === old.dataset.actions) {
      // keep the very buttons a finger may be on; a 1 Hz telemetry redraw must not swallow a tap
      for (const cls of ["plate", "actions"]) {
        const mine = card.querySelector(`:scope > .${cls}`);
        const theirs = old.querySelector(`:scope > .${cls}`);
        if (mine && theirs) mine.replaceWith(theirs);
      }
    }
    old.replaceWith(card);
  }

  // ---- lists ----
  function fill(id, items, emptyText) {
    $(id).replaceChildren(...(items.length ? items : [h("li", { class: "empty", text: emptyText })]));
  }

  function renderQueue() {
    const items = snapshot.queue.map((job) => {
      const where = job.order_reference ? ` · ${job.order_reference}` : "";
      const tag = job.status === "queued" ? null : h("span", { class: "tag", text: job.status });
      const reason = job.status === "interrupted" ? job.message
        : job.status === "dispatched" ? `starting on ${job.printer_name || "a printer"}`
          : job.waiting_reason || "next up";
      return h("li", { "data-job-id": job.id }, h("span", { text: `${job.model_name}${where}` }), tag,
        h("span", { class: "reason", text: reason }));
    });
    fill("queue", items, "Nothing waiting.");
    $("queue-count").textContent = String(snapshot.queue_total);
  }

  const shipping = new Map(); // order id -> its list item while the ship form is open

  function shipForm(order, li, opener) {
    const carrier = h("input", { name: "carrier", required: true, maxlength: 200, placeholder: "e.g. Royal Mail" });
    const tracking = h("input", { name: "tracking_number", required: true, maxlength: 200, autocomplete: "off" });
    const submit = h("button", { type: "submit", class: "primary" }, "Mark shipped");
    const form = h("form", { class: "ship-form" },
      h("label", null, "Carrier", carrier), h("label", null, "Tracking number", tracking), submit);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      act(submit, "POST", `/api/orders/${order.id}/ship`,
        { carrier: carrier.value.trim(), tracking_number: tracking.value.trim() }, `${order.reference} marked shipped`);
    });
    opener.remove();
    li.append(form);
    shipping.set(order.id, li);
    carrier.focus();
  }

  function renderShip() {
    const ids = new Set(snapshot.ready_to_ship.map((order) => order.id));
    for (const id of shipping.keys()) if (!ids.has(id)) shipping.delete(id);
    const items = snapshot.ready_to_ship.map((order) => {
      if (shipping.has(order.id)) return shipping.get(order.id);
      const li = h("li", { "data-order-id": order.id },
        h("strong", { text: order.reference }), h("span", { class: "tag", text: order.platform }),
        h("span", { class: "reason", text: `${order.customer_name} · ${order.items} item${order.items === 1 ? "" : "s"}` }));
      if (canAct()) {
        const open = actionButton("Mark shipped…", () => shipForm(order, li, open), "quiet ship");
        li.append(open);
      }
      return li;
    });
    fill("ship", items, "Nothing to ship.");
    $("ship-count").textContent = String(snapshot.ready_to_ship_total);
  }

  function renderMessages() {
    const failed = snapshot.messages_failed || 0;
    $("messages-section").hidden = failed === 0;
    $("messages-count").textContent = String(failed);
  }

  function renderLow() {
    const items = snapshot.low_stock.map((c) => h("li", null, h("strong", { text: c.name }),
      h("span", { class: "tag", text: c.sku }),
      h("span", { class: "reason", text: `${c.stock} left, reorder at ${c.reorder_point}${c.vendor ? ` · ${c.vendor}` : ""}` })));
    fill("low", items, "Stock is fine.");
    $("low-count").textContent = String(snapshot.low_stock.length);
  }

  function renderEvents() {
    const items = snapshot.events.map((e) => h("li", null,
      `${clock(Date.parse(e.at))} ${e.entity} ${e.entity_id ?? ""} ${e.action.replace(/_/g, " ")} · ${e.actor}`));
    fill("events", items, "No activity yet.");
  }

  // Shown only when several nodes share the farm's database; a kiosk (no login) leaves it hidden.
  async function refreshNodes() {
    let found;
    try { found = await api("GET", "/api/nodes"); } catch (error) { return; }
    const section = $("nodes-section");
    section.hidden = found.nodes.length < 2;
    if (section.hidden) return;
    const items = found.nodes.map((n) => h("li", null, h("strong", { text: n.name }),
      h("span", { class: "tag", text: n.alive ? "alive" : "lost" }),
      h("span", { class: "reason", text: `v${n.version} · ${n.printers.map((p) => p.name).join(", ") || "no printers"}`
        + ` · heartbeat ${Math.round(n.heartbeat_age_s)} s ago` })));
    fill("nodes", items, "");
    $("node-count").textContent = String(found.nodes.length);
  }

  function render() {
    renderPrinters();
    renderQueue();
    renderShip();
    renderMessages();
    renderLow();
    renderEvents();
  }

  // ---- data flow ----
  async function refresh() {
    try {
      const response = await fetch("/api/status", { headers: { Accept: "application/json" }, credentials: "same-origin",
                                                      cache: "no-store" });
      if (!response.ok) throw Object.assign(new Error(`${response.status} ${response.statusText}`), { status: response.status });
      const data = await response.json();
      // the answer is built once per change; the header is the server's clock now, the body's `now` when built
      clockOffset = Number(response.headers.get("X-Odind-Now") || data.now) * 1000 - Date.now();
      snapshot = data;
      for (const p of data.printers) {
        live.set(p.id, p.status);
        if (p.status && p.status.last_seen) heard.set(p.id, p.status.last_seen * 1000 - clockOffset);
      }
      if (source && source.readyState === EventSource.OPEN) setOnline(true);
      render();
      refreshNodes();
    } catch (error) {
      if (error.status === 401) { showLogin("Your session ended; please log in again."); return; }
      setOnline(false);
    }
  }

  function scheduleRefresh(delay) {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, delay);
  }

  function onLive(event) {
    const data = JSON.parse(event.data);
    const id = data.entity_id;
    live.set(id, data.data);
    heard.set(id, Date.now());
    if (snapshot) renderPrinter(id);
  }

  function connect() {
    if (source) source.close();
    source = new EventSource("/api/events");
    source.onopen = () => { setOnline(true); scheduleRefresh(0); };
    source.onerror = () => {
      setOnline(false);
      if (source.readyState === EventSource.CLOSED) setTimeout(() => { if (me) connect(); }, 5000);
    };
    for (const kind of LIVE) source.addEventListener(`printer.live.${kind}`, onLive);
    for (const name of REFRESH_ON) {
      source.addEventListener(name, (event) => {
        scheduleRefresh(300);
        let data = null;
        try { data = JSON.parse(event.data); } catch (e) { data = null; }
        window.dispatchEvent(new CustomEvent("odind:change", { detail: { name, data } })); // for the open view
      });
    }
  }

  function stop() {
    if (source) source.close();
    source = null;
    clearInterval(pollTimer);
    clearTimeout(refreshTimer);
  }

  // ---- the back office: one module per view, loaded the first time it is opened ----
  const VIEWS = {
    orders: "/static/views/orders.js", products: "/static/views/products.js", models: "/static/views/models.js",
    stock: "/static/views/stock.js", printers: "/static/views/printers.js", batches: "/static/views/batches.js",
    reports: "/static/views/reports.js", settings: "/static/views/settings.js", users: "/static/views/users.js",
    customers: "/static/views/customers.js", suppliers: "/static/views/customers.js", quotes: "/static/views/quotes.js",
  };
  const LIB = "/static/views/lib.js";
  let routeSeq = 0;

  function showOnly(id) {
    for (const other of ["app", "view", "more"]) $(other).hidden = other !== id;
  }

  async function route() {
    if (!me) return;
    const [name, ...args] = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean);
    const view = name || "status";
    for (const link of $("tabs").querySelectorAll("a")) {
      const here = link.dataset.view === view || (link.dataset.view === "more" && !!VIEWS[view] &&
        !["orders", "products", "stock", "printers"].includes(view));
      if (here) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
    }
    if (view === "status" || view === "more" || !VIEWS[view]) {
      showOnly(view === "more" ? "more" : "app");
      $("title").textContent = view === "more" ? "More" : "Farm status";
      document.title = `${$("title").textContent} · odind`;
      return;
    }
    const seq = ++routeSeq;
    const el = h("div", { class: "view" }); // a fresh one per visit: a late render of the last view lands nowhere
    showOnly("view");
    $("view").replaceChildren(el);
    el.replaceChildren(h("p", { class: "muted", text: "Loading…" }));
    try {
      const lib = await import(LIB);
      lib.configure(me, toast, () => showLogin("Your session ended; please log in again."));
      const module = await import(VIEWS[view]);
      if (seq !== routeSeq) return;
      el.replaceChildren();
      await module.mount(el, args.map(decodeURIComponent), view);
    } catch (error) {
      if (seq !== routeSeq) return;
      if (error.status === 401) { showLogin("Your session ended; please log in again."); return; }
      el.replaceChildren(h("p", { class: "error", role: "alert", text: `Could not open this view: ${error.message}` }));
    }
  }
  window.addEventListener("hashchange", route);

  async function showSetupIfFresh() {
    try {
      const state = await api("GET", "/api/setup");
      if (!state.needed) return false;
    } catch (error) {
      return false;
    }
    $("login").hidden = true;
    $("setup").hidden = false;
    $("setup").elements.code.focus();
    return true;
  }

  function showLogin(message) {
    stop();
    me = null;
    csrf = null;
    $("tabs").hidden = true;
    showOnly(null);
    $("setup").hidden = true;
    $("app").hidden = true;
    $("logout").hidden = true;
    $("who").textContent = "";
    $("conn").textContent = "";
    $("login").hidden = false;
    $("login-error").textContent = message || "";
    $("login").elements.name.focus();
  }

  function showProfit() {
    // The server draws the chart as SVG, so the page needs no charting code; the wall screen has no access.
    const section = $("profit-section");
    section.hidden = me.via === "kiosk";
    if (!section.hidden) $("profit").src = `/api/reports/profitability.svg?group=channel&t=${Date.now()}`;
  }

  async function start() {
    try {
      me = await api("GET", "/api/me");
    } catch (error) {
      if (error.status === 401) {
        showLogin();
        await showSetupIfFresh();
        return;
      }
      setOnline(false);
      setTimeout(start, 3000);
      return;
    }
    csrf = me.csrf;
    document.body.dataset.role = me.role;
    $("login").hidden = true;
    $("setup").hidden = true;
    $("tabs").hidden = me.via === "kiosk";
    route();
    $("who").textContent = me.via === "kiosk" ? "wall screen (read only)" : `${me.name} · ${me.role}`;
    $("logout").hidden = me.via !== "session";
    showProfit();
    await refresh();
    connect();
    clearInterval(pollTimer);
    pollTimer = setInterval(() => { refresh(); if (snapshot) renderPrinters(); }, POLL_MS);
  }

  $("login").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const button = form.querySelector("button");
    button.disabled = true;
    $("login-error").textContent = "";
    try {
      await api("POST", "/api/login", { name: form.elements.name.value, password: form.elements.password.value });
      form.elements.password.value = "";
      await start();
    } catch (error) {
      $("login-error").textContent = error.message;
    } finally {
      button.disabled = false;
    }
  });

  $("setup").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const button = form.querySelector("button");
    button.disabled = true;
    $("setup-error").textContent = "";
    try {
      await api("POST", "/api/setup", { code: form.elements.code.value, name: form.elements.name.value,
                                        password: form.elements.password.value });
      form.elements.password.value = "";
      await start();
    } catch (error) {
      $("setup-error").textContent = error.message;
    } finally {
      button.disabled = false;
    }
  });

  $("logout").addEventListener("click", async () => {
    try { await api("POST", "/api/logout"); } catch (error) { /* the session is gone either way */ }
    showLogin("Logged out.");
  });

  start();
})();
