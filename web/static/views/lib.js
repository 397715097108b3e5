// What every back-office view shares: building elements (text only, never markup), calling the API with the
// session's CSRF token, money in the shop's currency and locale, forms that show the API's field errors,
// buttons that cannot fire twice, and a pager over the API's cursor pages.
let me = null;
let toastFn = (message) => console.warn(message);
let expired = () => {};

export function configure(who, toast, onExpired) {
  me = who;
  toastFn = toast;
  expired = onExpired;
}

export const toast = (message, bad) => toastFn(message, bad);
export const csrfToken = () => (me && me.csrf) || "";
export const canWrite = () => !!me && me.via !== "kiosk" && (me.role === "operator" || me.role === "admin");
export const isAdmin = () => !!me && me.via !== "kiosk" && me.role === "admin";

export function h(tag, props, ...kids) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key === "value") el.value = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid !== null && kid !== undefined && kid !== false) el.append(kid instanceof Node ? kid : String(kid));
  }
  return el;
}

export function title(text) {
  document.getElementById("title").textContent = text;
  document.title = `${text} · odind`;
}

export async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  const options = { method, headers, credentials: "same-origin", cache: "no-store" };
  if (body instanceof FormData) options.body = body;
  else if (body !== undefined) { headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
  if (method !== "GET" && me && me.csrf) headers["X-CSRF-Token"] = me.csrf;
  const response = await fetch(path, options);
  let payload = null;
  try { payload = response.status === 204 ? null : await response.json(); } catch (e) { payload = null; }
  if (!response.ok) {
    const detail = (payload && payload.error) || {};
    const error = new Error(detail.message || `${response.status} ${response.statusText}`);
    error.status = response.status;
    error.field = detail.field || null;
    error.details = detail;
    if (response.status === 401) expired();
    throw error;
  }
  return payload;
}

export const items = (payload) => (Array.isArray(payload) ? payload : (payload && payload.items) || []);

let moneyFormat = null;
export function money(value) {
  if (value === null || value === undefined || value === "") return "—";
  if (!moneyFormat) {
    const shop = (me && me.shop) || { currency: "GBP", locale: "en-GB" };
    moneyFormat = new Intl.NumberFormat(shop.locale, { style: "currency", currency: shop.currency });
  }
  return moneyFormat.format(Number(value));
}
export const percent = (value) => (value === null || value === undefined ? "—" : `${Number(value).toFixed(1)} %`);
export function date(iso) {
  if (!iso) return "—";
  const locale = (me && me.shop && me.shop.locale) || undefined;
  return new Date(iso.length === 10 ? `${iso}T00:00:00` : iso).toLocaleDateString(locale);
}

// ---- buttons and actions ----
export function button(label, onclick, cls, props) {
  return h("button", { type: "button", class: cls || null, onclick, ...(props || {}) }, label);
}

/** Run an API call from a button once: a second tap while it runs does nothing. A 409 (the record moved on
 * meanwhile) is said in words and the view refreshes. */
export async function act(btn, call, { done, refresh } = {}) {
  if (btn.dataset.busy) return undefined;
  btn.dataset.busy = "1";
  btn.disabled = true;
  try {
    const result = await call();
    if (done) toast(done);
    if (refresh) await refresh();
    return result;
  } catch (error) {
    if (error.status === 409 && refresh) {
      toast(`${error.message} — showing it as it is now.`, true);
      await refresh();
    } else if (error.status !== 401) {
      toast(error.message, true);
    }
    return undefined;
  } finally {
    delete btn.dataset.busy;
    btn.disabled = false;
  }
}

// ---- forms ----
let uid = 0;
/** One labelled control with its error line; `field` is the API's name for it (errors land next to it). */
export function control(spec) {
  const id = `f${++uid}`;
  const errorId = `${id}-err`;
  const attrs = { id, name: spec.name, "data-field": spec.field || spec.name, "aria-describedby": errorId,
                  required: spec.required || null, ...(spec.attrs || {}) };
  let input;
  if (spec.options) {
    input = h("select", attrs, spec.options.map(([value, label]) => h("option", { value: String(value) }, label)));
    if (spec.value !== undefined && spec.value !== null) input.value = String(spec.value);
  } else if (spec.type === "textarea") {
    input = h("textarea", { ...attrs, rows: 3 });
    input.value = spec.value ?? "";
  } else if (spec.type === "checkbox") {
    input = h("input", { ...attrs, type: "checkbox", checked: spec.value ? true : null });
  } else {
    input = h("input", { ...attrs, type: spec.type || "text", value: spec.value ?? null,
                         inputmode: spec.type === "money" ? "decimal" : null });
    if (spec.type === "money") { input.type = "text"; input.pattern = "-?[0-9]+([.,][0-9]+)?"; }
  }
  const label = h("label", { for: id, class: spec.type === "checkbox" ? "check" : null }, spec.label);
  return h("div", { class: "control" }, label, input, h("p", { id: errorId, class: "field-error" }));
}

export function values(form) {
  const out = {};
  for (const el of form.querySelectorAll("[name]")) {
    if (el.closest("[data-repeat]")) continue;
    if (el.type === "checkbox") out[el.name] = el.checked;
    else if (el.value !== "") out[el.name] = el.type === "number" ? Number(el.value) : el.value;
  }
  return out;
}

export function clearErrors(form) {
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const el of form.querySelectorAll(".field-error, .form-error")) el.textContent = "";
}

/** Put an API error next to the field it names; anything else goes to the form's own error line. */
export function showError(form, error) {
  const target = error.field && [...form.querySelectorAll("[data-field]")].find((el) => el.dataset.field === error.field);
  if (target) {
    target.setAttribute("aria-invalid", "true");
    const line = document.getElementById(target.getAttribute("aria-describedby"));
    if (line) line.textContent = error.message;
    target.focus();
  } else {
    const line = form.querySelector(".form-error");
    if (line) line.textContent = error.message;
    else toast(error.message, true);
  }
}

/** A form whose submit runs `submit(values)` once at a time, with the API's errors shown in place. */
export function form(heading, controls, submitLabel, submit, extra) {
  const submitButton = h("button", { type: "submit", class: "primary" }, submitLabel);
  const el = h("form", { class: "form", novalidate: true, "aria-label": heading },
    h("h3", { text: heading }), ...controls, extra || null,
    h("p", { class: "form-error", role: "alert" }), h("div", { class: "row" }, submitButton));
  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (submitButton.dataset.busy) return;
    submitButton.dataset.busy = "1";
    submitButton.disabled = true;
    clearErrors(el);
    try {
      await submit(values(el), el);
    } catch (error) {
      if (error.status !== 401) showError(el, error);
    } finally {
      delete submitButton.dataset.busy;
      submitButton.disabled = false;
    }
  });
  return el;
}

/** One product line of an order or an offer (product, quantity, price), removable; `readLines` reads them back. */
export function lineRow(options, index, line, priceLabel) {
  const row = h("fieldset", { class: "line-row", "data-repeat": "line" },
    h("legend", { class: "sr-only", text: `Line ${index + 1}` }),
    control({ name: "product_id", field: `lines[${index}].product_id`, label: `Product, line ${index + 1}`,
              options: [["", "Choose…"], ...options], value: line && line.product_id }),
    control({ name: "quantity", field: `lines[${index}].quantity`, label: "Quantity", type: "number",
              value: line ? line.quantity : 1, attrs: { min: 1, step: 1 } }),
    control({ name: "unit_price", field: `lines[${index}].unit_price`, label: priceLabel, type: "money",
              value: line && line.unit_price }),
    button("Remove", () => row.remove(), "quiet", { "aria-label": `Remove line ${index + 1}` }));
  return row;
}

export function readLines(formEl) {
  return [...formEl.querySelectorAll('[data-repeat="line"]')].map((row) => {
    const get = (name) => row.querySelector(`[name="${name}"]`).value.trim();
    const line = { product_id: Number(get("product_id")) || 0, quantity: Number(get("quantity")) || 0 };
    if (get("unit_price")) line.unit_price = get("unit_price").replace(",", ".");
    return line;
  });
}

// ---- tables and pages ----
export function table(caption, headings, rows, empty) {
  if (!rows.length) return h("p", { class: "muted", text: empty || "Nothing yet." });
  // focusable and named, so a keyboard can scroll a table wider than the phone
  return h("div", { class: "table-wrap", tabindex: 0, role: "region", "aria-label": caption }, h("table", { class: "table" }, h("caption", { class: "sr-only", text: caption }),
    h("thead", {}, h("tr", {}, headings.map((text) => h("th", { scope: "col", class: /^(Price|Total|Stock|Qty|COGS|Profit|On hand|Cost)/.test(text) ? "num" : null, text })))),
    h("tbody", {}, rows)));
}

/** Server-side pages: `load(cursor)` answers `{items, total, next_cursor}` (or a plain list). */
export function pager(container, load, render) {
  const stack = [null];
  const body = h("div");
  const status = h("span", { class: "muted", role: "status" });
  const prev = button("Previous", () => { stack.pop(); show(); }, "quiet", { "aria-label": "Previous page" });
  const next = button("Next", () => { stack.push(nextCursor); show(); }, "quiet", { "aria-label": "Next page" });
  let nextCursor = null;
  async function show() {
    const payload = await load(stack[stack.length - 1]);
    const list = items(payload);
    nextCursor = payload && payload.next_cursor;
    body.replaceChildren(render(list));
    const total = payload && payload.total !== undefined ? payload.total : list.length;
    status.textContent = `${total} in all · page ${stack.length}`;
    prev.hidden = stack.length < 2;
    next.hidden = !nextCursor;
  }
  container.append(body, h("div", { class: "pager" }, prev, status, next));
  return { show, reset: () => { stack.length = 1; return show(); } };
}

export function swatch(colour, label) {
  const ok = typeof colour === "string" && /^#[0-9a-fA-F]{6}$/.test(colour);
  const el = h("span", { class: "swatch", role: "img", "aria-label": label || colour || "unknown colour" });
  if (ok) el.style.background = colour; // through the CSSOM: the page's CSP allows no inline style attributes
  return el;
}
