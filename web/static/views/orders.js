// Orders: a searchable, filtered list read a page at a time; a new order; the order page with the actions its
// transition tables allow right now (nothing else is shown), its P&L, payments, shipments and documents.
import { act, api, button, canWrite, control, date, form, h, items, lineRow, money, pager, percent, readLines, table,
  title, toast } from "./lib.js";

const STATUSES = [["", "Any status"], ["pending", "Pending"], ["in_progress", "In progress"], ["partial", "Partly made"],
  ["fulfilled", "Fulfilled"], ["shipped", "Shipped"], ["cancelled", "Cancelled"]];
const PLATFORMS = [["direct", "Direct"], ["etsy", "Etsy"], ["amazon", "Amazon"], ["wholesale", "Wholesale"],
  ["other", "Other"]];
const ACTION_WORDS = {
  schedule: "Schedule All", confirm: "Confirm", hold: "Hold", release: "Release", allocate: "Allocate stock",
  unallocate: "Unallocate", pick: "Mark picked", pack: "Mark packed", cancel: "Cancel order",
};
const PAGE_SIZE = 20;

export async function mount(el, args) {
  if (args[0] === "new") return newOrder(el);
  if (args[0]) return orderPage(el, Number(args[0]));
  return orderList(el);
}

function orderList(el) {
  title("Orders");
  const search = h("input", { type: "search", name: "q", id: "order-q", placeholder: "Reference, customer or e-mail" });
  const status = h("select", { name: "status", id: "order-status" },
    STATUSES.map(([value, label]) => h("option", { value }, label)));
  const toolbar = h("form", { class: "toolbar", role: "search", "aria-label": "Find orders" },
    h("label", { for: "order-q" }, "Search", search), h("label", { for: "order-status" }, "Status", status),
    h("button", { type: "submit" }, "Find"),
    canWrite() ? h("a", { href: "#/orders/new", class: "button primary" }, "New order") : null);
  el.append(toolbar);
  const list = pager(el, (cursor) => {
    const query = new URLSearchParams({ limit: PAGE_SIZE });
    if (search.value.trim()) query.set("q", search.value.trim());
    if (status.value) query.set("status", status.value);
    if (cursor) query.set("cursor", cursor);
    return api("GET", `/api/orders?${query}`);
  }, (orders) => table("Orders", ["Order", "Customer", "Status", "Ship by", "Total"], orders.map((o) => h("tr", {},
    h("td", {}, h("a", { href: `#/orders/${o.id}` }, o.reference)),
    h("td", { text: o.customer_name || "" }),
    h("td", {}, h("span", { class: "chip" }, o.fulfilment || o.status)),
    h("td", { text: date(o.ship_by) }),
    h("td", { class: "num", text: money(o.totals && o.totals.total) }))), "No orders match."));
  toolbar.addEventListener("submit", (event) => { event.preventDefault(); list.reset(); });
  if (canWrite()) el.append(importForm(() => list.reset()));
  status.addEventListener("change", () => list.reset());
  return list.show();
}

function importForm(done) {
  const report = h("div", { id: "import-report", role: "status", "aria-live": "polite" });
  const picker = h("input", { type: "file", id: "import-file", name: "file", accept: ".csv,text/csv", required: true });
  const format = h("select", { id: "import-format", name: "format" },
    h("option", { value: "generic" }, "Generic CSV"), h("option", { value: "etsy" }, "Etsy sold order items"));
  const send = h("button", { type: "submit" }, "Import");
  const el = h("form", { class: "form", "aria-label": "Import orders from CSV" }, h("h3", { text: "Import orders from CSV" }),
    h("div", { class: "grid2" }, h("label", { for: "import-file" }, "CSV file", picker),
      h("label", { for: "import-format" }, "Format", format)), h("div", { class: "row" }, send), report);
  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!picker.files.length || send.dataset.busy) return;
    send.dataset.busy = "1";
    send.disabled = true;
    const body = new FormData();
    body.append("file", picker.files[0]);
    try {
      const result = await api("POST", `/api/orders/import?format=${format.value}`, body);
      report.replaceChildren(h("p", { text: `Imported ${result.created.length} order(s)` +
        (result.skipped.length ? `; already there, skipped: ${result.skipped.join(", ")}` : "") }));
      await done();
    } catch (error) {
      const problems = (error.details && error.details.problems) || [];
      const unknown = (error.details && error.details.unknown_skus) || [];
      report.replaceChildren(h("p", { class: "form-error", text: error.message }),
        unknown.length ? h("p", { text: `Unknown SKUs: ${unknown.join(", ")}` }) : null,
        problems.length ? h("ul", { class: "list small" }, problems.map((p) =>
          h("li", { text: `Row ${p.row}${p.column ? `, ${p.column}` : ""}: ${p.message}` }))) : null);
    } finally {
      delete send.dataset.busy;
      send.disabled = false;
    }
  });
  return el;
}

async function productOptions() {
  const products = items(await api("GET", "/api/products?limit=500")).filter((p) => !p.archived);
  return products.map((p) => [p.id, `${p.sku} · ${p.name}`]);
}


function orderForm(heading, submitLabel, options, order, submit, customers) {
  const lines = h("div", { class: "lines" });
  let count = 0;
  const add = (line) => lines.append(lineRow(options, count++, line, "Unit price (blank: list price)"));
  (order ? order.lines : [null]).forEach(add);
  const picker = customers && customers.length ? control({ name: "customer_id", label: "Customer record",
    options: [["", "None: the name typed below"], ...customers.map((c) => [c.id, `${c.name}${c.email ? ` · ${c.email}` : ""}`])] }) : null;
  return form(heading, [
    picker,
    control({ name: "customer_name", label: "Customer", required: !picker, value: order && order.customer_name }),
    h("div", { class: "grid2" },
      control({ name: "platform", label: "Sales channel", options: PLATFORMS, value: order ? order.platform : "direct" }),
      control({ name: "reference", label: "Reference (blank: numbered)", value: order && order.reference }),
      control({ name: "ship_by", label: "Ship by", type: "date", value: order && order.ship_by }),
      control({ name: "order_discount", label: "Order discount", type: "money", value: order && order.order_discount })),
    control({ name: "notes", label: "Notes", type: "textarea", value: order && order.notes }),
    order ? null : control({ name: "draft", label: "Draft: a quote, nothing allocated or printed until confirmed",
                             type: "checkbox" }),
    h("h4", { text: "Lines" }), lines,
    h("p", { class: "field-error", "data-field": "lines", id: "lines-error", "aria-describedby": "lines-error" }),
    button("Add a line", () => add(null), "quiet"),
  ], submitLabel, (data, formEl) => submit({ ...data, lines: readLines(formEl) }));
}

async function newOrder(el) {
  title("New order");
  if (!canWrite()) { el.append(h("p", { text: "Your role can read orders but not create them." })); return; }
  const [options, customers] = await Promise.all([productOptions(), api("GET", "/api/customers?limit=500")]);
  el.append(h("p", {}, h("a", { href: "#/orders" }, "← Orders")),
    orderForm("New order", "Create order", options, null, async (data) => {
      const body = { ...data };
      if (body.customer_id) body.customer_id = Number(body.customer_id); else delete body.customer_id;
      if (body.customer_id && !body.customer_name) delete body.customer_name;
      const created = await api("POST", "/api/orders", body);
      toast(`Order ${created.reference} created.`);
      location.hash = `#/orders/${created.id}`;
    }, items(customers)));
}

async function orderPage(el, id) {
  const order = await api("GET", `/api/orders/${id}`);
  title(`Order ${order.reference}`);
  let timer = null;
  const here = `#/orders/${id}`;
  const onChange = (event) => {
    if (!el.isConnected || location.hash !== here) { window.removeEventListener("odind:change", onChange); return; }
    const data = event.detail.data;
    if (!data || data.entity_id !== id || !event.detail.name.startsWith("order.")) return;
    if (el.contains(document.activeElement) && /INPUT|SELECT|TEXTAREA/.test(document.activeElement.tagName)) return;
    clearTimeout(timer);
    timer = setTimeout(() => { if (location.hash === here) refresh(); }, 300); // live: as printers finish its jobs
  };
  window.addEventListener("odind:change", onChange);
  const refresh = async () => {
    window.removeEventListener("odind:change", onChange);
    await orderPage(el, id);
  };
  const box = h("div"); // built whole, then swapped in: two refreshes never interleave their parts
  const write = canWrite();
  box.append(h("p", {}, h("a", { href: "#/orders" }, "← Orders")));
  box.append(h("section", { class: "panel", "aria-labelledby": "o-head" },
    h("h2", { id: "o-head", text: `${order.reference} · ${order.customer_name || ""}` }),
    h("dl", { class: "kv" },
      h("dt", { text: "Status" }), h("dd", {}, h("span", { class: "chip", id: "order-status-chip" }, order.status),
        " ", h("span", { class: "chip" }, order.fulfilment)),
      h("dt", { text: "Channel" }), h("dd", { text: order.platform || "" }),
      order.customer_id ? [h("dt", { text: "Customer" }), h("dd", {}, h("a", { href: `#/customers/${order.customer_id}` },
        order.customer_name || `#${order.customer_id}`))] : null,
      h("dt", { text: "Ship by" }), h("dd", { text: date(order.ship_by) }),
      h("dt", { text: "Payment" }), h("dd", { text: order.payment_status }),
      h("dt", { text: "Total" }), h("dd", { id: "order-total", text: money(order.totals.total) }),
      order.tracking_number ? [h("dt", { text: "Tracking" }),
        h("dd", { text: `${order.carrier || ""} ${order.tracking_number}` })] : null)));

  if (write) box.append(actionsPanel(order, refresh));

  box.append(h("section", { class: "panel", "aria-labelledby": "o-lines" }, h("h2", { id: "o-lines", text: "Lines" }),
    table("Order lines", ["Product", "Qty", "Price", "Total"], order.lines.map((line) => h("tr", {},
      h("td", {}, h("strong", { text: line.product_name }), " ", h("span", { class: "muted", text: line.sku }),
        h("div", { class: "chips" }, h("span", { class: "chip" }, line.status),
          Object.entries(line.units).map(([state, n]) => h("span", { class: "chip" }, `${n} ${state}`)))),
      h("td", { class: "num", text: String(line.active_quantity) }),
      h("td", { class: "num", text: money(line.unit_price) }),
      h("td", { class: "num", text: money(line.line_total) }, write && order.allowed_actions.includes("cancel")
        && line.active_quantity > line.shipped ? cancelLineButton(order, line, refresh) : null))))));

  const pnl = order.pnl;
  box.append(h("section", { class: "panel", "aria-labelledby": "o-pnl" }, h("h2", { id: "o-pnl", text: "Profit and loss" }),
    h("dl", { class: "kv", id: "order-pnl" },
      h("dt", { text: "Revenue" }), h("dd", { text: money(pnl.revenue) }),
      h("dt", { text: "COGS" }), h("dd", { text: money(pnl.cogs) }),
      h("dt", { text: "Fees" }), h("dd", { text: money(pnl.fees) }),
      h("dt", { text: "Profit" }), h("dd", { text: money(pnl.profit) }),
      h("dt", { text: "Margin" }), h("dd", { text: percent(pnl.margin_percent) }))));

  if (order.jobs && order.jobs.length) {
    box.append(h("section", { class: "panel", "aria-labelledby": "o-jobs" }, h("h2", { id: "o-jobs", text: "Print jobs" }),
      h("ul", { class: "list small", id: "order-jobs" }, order.jobs.map((job) => h("li", {},
        `#${job.id} ${job.model_name || ""} · ${job.status}`,
        job.waiting_reason ? h("span", { class: "reason", text: job.waiting_reason }) : null)))));
  }

  box.append(await paymentsPanel(order, write, refresh));
  if (order.shipments.length) {
    box.append(h("section", { class: "panel", "aria-labelledby": "o-ship" }, h("h2", { id: "o-ship", text: "Shipments" }),
      h("ul", { class: "list" }, order.shipments.map((s) => h("li", {},
        `${s.carrier || "—"} ${s.tracking_number || ""} · ${s.status} `,
        h("a", { href: `/api/shipments/${s.id}/packing-slip.pdf`, download: "" }, "Packing slip (PDF)"))))));
  }
  box.append(h("section", { class: "panel", "aria-labelledby": "o-docs" }, h("h2", { id: "o-docs", text: "Documents" }),
    h("a", { href: `/api/orders/${id}/invoice.pdf`, id: "invoice-link", download: `invoice-${order.reference}.pdf` },
      "Invoice (PDF)")));
  el.replaceChildren(box);
}

function cancelLineButton(order, line, refresh) {
  const btn = button("Cancel line", () => {
    if (!window.confirm(`Cancel the unshipped units of ${line.product_name} on ${order.reference}?`)) return;
    act(btn, () => api("POST", `/api/orders/${order.id}/cancel-lines`, { lines: [{ line_id: line.id }] }),
        { done: "Line cancelled.", refresh });
  }, "quiet", { "aria-label": `Cancel line ${line.product_name}` });
  return h("div", {}, btn);
}

function actionsPanel(order, refresh) {
  const panel = h("section", { class: "panel", "aria-labelledby": "o-act" }, h("h2", { id: "o-act", text: "Actions" }));
  const row = h("div", { class: "actions" });
  const actions = [...new Set([...order.allowed_actions, ...order.allowed_state_actions])]
    .filter((a) => ACTION_WORDS[a] && !(a === "cancel" && !order.allowed_actions.includes("cancel")));
  for (const action of actions) {
    const danger = action === "cancel";
    const btn = button(ACTION_WORDS[action], async () => {
      if (danger && !window.confirm(`Cancel order ${order.reference}? What it reserved is released.`)) return;
      await act(btn, () => api("POST", `/api/orders/${order.id}/${action}`, {}),
                { done: `${ACTION_WORDS[action]}: done.`, refresh });
    }, danger ? "danger" : action === "schedule" ? "primary" : null);
    row.append(btn);
  }
  panel.append(row);
  if (order.allowed_actions.includes("ship")) {
    panel.append(form("Ship", [
      h("div", { class: "grid2" },
        control({ name: "carrier", label: "Carrier", required: true }),
        control({ name: "tracking_number", label: "Tracking number", required: true })),
    ], "Ship order", async (data) => {
      await api("POST", `/api/orders/${order.id}/ship`, data);
      toast(`Order ${order.reference} shipped.`);
      await refresh();
    }));
  }
  if (order.status === "pending" && ["draft", "pending"].includes(order.state)) {
    const opener = button("Edit order", async () => {
      opener.replaceWith(orderForm("Edit order", "Save changes", await productOptions(), order, async (data) => {
        await api("PUT", `/api/orders/${order.id}`, data);
        toast("Order saved.");
        await refresh();
      }));
    }, "quiet");
    panel.append(opener);
  }
  return panel;
}

async function paymentsPanel(order, write, refresh) {
  const panel = h("section", { class: "panel", "aria-labelledby": "o-pay" }, h("h2", { id: "o-pay", text: "Payments" }));
  const data = await api("GET", `/api/orders/${order.id}/payments`);
  const rows = items(data.payments || data);
  panel.append(table("Payments and refunds", ["Kind", "Method", "Date", "Total"], rows.map((p) => h("tr", {},
    h("td", { text: p.kind }), h("td", { text: p.method || "" }), h("td", { text: date(p.received_on || p.created_at) }),
    h("td", { class: "num", text: money(p.amount) }))), "No payments yet."));
  panel.append(h("p", { text: `Balance: ${money(order.totals.balance)}` }));
  for (const note of data.credit_notes || []) {
    panel.append(h("p", {}, h("a", { href: `/api/credit-notes/${note.id}.pdf`, download: "" },
      `Credit note ${note.number} (PDF), ${money(note.amount)}`)));
  }
  if (write) {
    panel.append(form("Record a payment", [h("div", { class: "grid2" },
      control({ name: "amount", label: "Amount", type: "money", required: true, value: order.totals.balance }),
      control({ name: "method", label: "Method", options: [["card", "Card"], ["bank_transfer", "Bank transfer"],
        ["cash", "Cash"], ["paypal", "PayPal"], ["marketplace", "Marketplace"], ["other", "Other"]] }))],
    "Record payment", async (values) => {
      await api("POST", `/api/orders/${order.id}/payments`, { ...values, amount: String(values.amount).replace(",", ".") });
      toast("Payment recorded.");
      await refresh();
    }));
    if (Number(order.totals.paid) > Number(order.totals.refunded)) {
      panel.append(form("Refund", [h("div", { class: "grid2" },
        control({ name: "amount", label: "Refund amount", type: "money", required: true }),
        control({ name: "method", label: "Refunded by", options: [["card", "Card"], ["bank_transfer", "Bank transfer"],
          ["cash", "Cash"], ["paypal", "PayPal"], ["marketplace", "Marketplace"], ["other", "Other"]] }),
        control({ name: "reference", label: "Reason or reference" }))],
      "Refund", async (values) => {
        if (!window.confirm(`Refund ${money(values.amount)} on ${order.reference}?`)) return;
        await api("POST", `/api/orders/${order.id}/refunds`, { ...values, amount: String(values.amount).replace(",", ".") });
        toast("Refund recorded.");
        await refresh();
      }));
    }
  }
  return panel;
}
