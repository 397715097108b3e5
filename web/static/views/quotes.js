// Quotes: a customer's request, the shop's firm offer (priced at a target margin, with its costs beside it),
// the customer's answer through the link the offer e-mail carries, and the order an accepted quote becomes.
import { act, api, button, canWrite, control, date, form, h, items, lineRow, money, pager, percent, readLines, table, title,
  toast } from "./lib.js";

const STATUSES = [["", "All"], ["requested", "Waiting for review"], ["offered", "Offered"], ["accepted", "Accepted"],
  ["rejected", "Rejected"], ["expired", "Expired"], ["placed", "Placed"], ["cancelled", "Cancelled"]];
const ACTIONS = { accept: "Accepted (on the customer's word)", reject: "Rejected (on the customer's word)",
  cancel: "Withdraw", place: "Place as an order" };

export async function mount(el, args) {
  if (args[0] === "new") return newQuote(el);
  if (args[0]) return quotePage(el, Number(args[0]));
  return quoteList(el);
}

async function quoteList(el) {
  title("Quotes");
  if (canWrite()) el.append(h("p", {}, h("a", { href: "#/quotes/new", class: "button" }, "New quote request")));
  const status = control({ name: "status", label: "Status", options: STATUSES });
  const toolbar = h("form", { class: "toolbar", role: "search", "aria-label": "Filter quotes" }, status,
    h("button", { type: "submit" }, "Show"));
  const list = h("div");
  el.append(toolbar, list);
  const pages = pager(list, (cursor) => {
    const query = new URLSearchParams({ limit: 30 });
    const chosen = toolbar.querySelector("select").value;
    if (chosen) query.set("status", chosen);
    if (cursor) query.set("cursor", cursor);
    return api("GET", `/api/quotes?${query}`);
  }, (rows) => table("Quotes", ["Quote", "Customer", "Status", "Total"], rows.map((q) => h("tr", {},
    h("td", {}, h("a", { href: `#/quotes/${q.id}` }, q.reference)), h("td", { text: q.customer_name }),
    h("td", {}, h("span", { class: "chip", text: q.status })), h("td", { class: "num", text: money(q.total) }))),
  "No quotes here."));
  toolbar.addEventListener("submit", (event) => { event.preventDefault(); pages.reset(); });
  await pages.show();
}

async function newQuote(el) {
  title("New quote request");
  const customers = items(await api("GET", "/api/customers?limit=500"));
  el.append(h("p", {}, h("a", { href: "#/quotes" }, "← Quotes")), form("New quote request", [
    control({ name: "customer_id", label: "Customer record", options: [["", "None: the name typed below"],
      ...customers.map((c) => [c.id, `${c.name}${c.email ? ` · ${c.email}` : ""}`])] }),
    h("div", { class: "grid2" }, control({ name: "customer_name", label: "Customer" }),
      control({ name: "customer_email", label: "Customer e-mail", type: "email" })),
    control({ name: "request", label: "What they asked for", type: "textarea" })],
  "Record request", async (data) => {
    const body = { request: data.request || "" };
    if (data.customer_id) body.customer_id = Number(data.customer_id);
    if (data.customer_name) body.customer_name = data.customer_name;
    if (data.customer_email) body.customer_email = data.customer_email;
    const created = await api("POST", "/api/quotes", body);
    toast(`Quote ${created.reference} recorded.`);
    location.hash = `#/quotes/${created.id}`;
  }));
}

function offerForm(quote, options, refresh, suggested) {
  const lines = h("div", { class: "lines" });
  let count = 0;
  const add = (line) => lines.append(lineRow(options, count++, line, "Unit price (blank: at the margin)"));
  (quote.lines.length ? quote.lines : suggested.length ? suggested : [null]).forEach(add);
  return form(quote.status === "offered" ? "Revise the offer" : "Make a firm offer", [
    h("div", { class: "grid2" },
      control({ name: "target_margin", label: "Target margin %", type: "money", value: quote.target_margin || "40" }),
      control({ name: "valid_days", label: "Valid for (days)", type: "number", value: 14, attrs: { min: 1, max: 365 } })),
    control({ name: "notes", label: "Note to the customer", type: "textarea", value: quote.notes }),
    h("h4", { text: "Lines" }),
    suggested.length && !quote.lines.length ? h("p", { class: "muted", role: "status",
      text: `Read from the request: ${suggested.map((l) => `${l.quantity} × ${l.name}${l.variants.length ? ` (${l.variants.join(", ")})` : ""}`).join("; ")}. Check each line.` }) : null,
    lines, button("Add a line", () => add(null), "quiet")],
  "Send offer", async (data, formEl) => {
    await api("POST", `/api/quotes/${quote.id}/offer`, { lines: readLines(formEl), target_margin: String(data.target_margin).replace(",", "."),
      valid_days: Number(data.valid_days), notes: data.notes || "" });
    toast("Offer sent.");
    await refresh();
  });
}

async function quotePage(el, id) {
  const quote = await api("GET", `/api/quotes/${id}`);
  title(`Quote ${quote.reference}`);
  const refresh = async () => { el.replaceChildren(); await quotePage(el, id); };
  el.append(h("p", {}, h("a", { href: "#/quotes" }, "← Quotes")));
  el.append(h("section", { class: "panel", "aria-labelledby": "q-head" },
    h("h2", { id: "q-head", text: `${quote.reference} · ${quote.customer_name}` }),
    h("dl", { class: "kv" },
      h("dt", { text: "Status" }), h("dd", {}, h("span", { class: "chip", text: quote.status })),
      quote.customer_id ? [h("dt", { text: "Customer" }), h("dd", {}, h("a", { href: `#/customers/${quote.customer_id}` }, quote.customer_name))] : null,
      h("dt", { text: "Asked for" }), h("dd", { text: quote.request || "—" }),
      quote.model_id ? [h("dt", { text: "Their file" }), h("dd", {}, h("a", { href: `#/models/${quote.model_id}` }, "Open the parsed file"))] : null,
      h("dt", { text: "Valid until" }), h("dd", { text: date(quote.valid_until) }),
      h("dt", { text: "Total" }), h("dd", { text: money(quote.total) }),
      h("dt", { text: "Cost" }), h("dd", { text: money(quote.cost) }),
      h("dt", { text: "Margin" }), h("dd", { text: percent(quote.margin_percent) }),
      quote.order_id ? [h("dt", { text: "Order" }), h("dd", {}, h("a", { href: `#/orders/${quote.order_id}` }, "Open the order"))] : null),
    table("Quote lines", ["Item", "Qty", "Price", "Cost"], quote.lines.map((l) => h("tr", {},
      h("td", { text: `${l.sku} · ${l.name}` }), h("td", { class: "num", text: String(l.quantity) }),
      h("td", { class: "num", text: l.unit_price ? money(l.unit_price) : "—" }),
      h("td", { class: "num", text: l.unit_cost ? money(l.unit_cost) : "—" }))), "No lines yet."),
    quote.lines.length && quote.lines[0].unit_price ? h("p", {}, h("a", { href: `/api/quotes/${id}.pdf`, target: "_blank" }, "Quote (PDF)")) : null));
  if (!canWrite()) return;
  const actions = h("div", { class: "row" });
  for (const action of quote.allowed_actions.filter((a) => ACTIONS[a])) {
    const btn = button(ACTIONS[action], () => act(btn, () => api("POST", `/api/quotes/${id}/${action}`),
      { done: "Done.", refresh }), action === "place" ? "primary" : "quiet");
    actions.append(btn);
  }
  el.append(actions);
  if (quote.allowed_actions.includes("offer")) {
    const options = items(await api("GET", "/api/products?limit=500")).filter((p) => !p.archived)
      .map((p) => [p.id, `${p.sku} · ${p.name}`]);
    const suggested = !quote.lines.length && quote.request
      ? (await api("GET", `/api/quotes/${id}/proposal`)).lines : [];
    el.append(offerForm(quote, options, refresh, suggested));
  }
}
