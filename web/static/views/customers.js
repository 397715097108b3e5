// Customers and suppliers, the same records on the same page: find one, add one, see a customer's orders, spend,
// profit and open balance (or a supplier's purchase orders), change their details, and merge a duplicate into the
// record that stays.
import { api, canWrite, control, date, form, h, items, money, pager, percent, table, title, toast } from "./lib.js";

const KINDS = { customers: ["Customers", "customer"], suppliers: ["Suppliers", "supplier"] };
const PLATFORMS = [["", "—"], ["direct", "Direct"], ["etsy", "Etsy"], ["amazon", "Amazon"], ["wholesale", "Wholesale"],
  ["other", "Other"]];
const lines = (text) => String(text || "").split("\n").map((s) => s.trim()).filter(Boolean);

/** One module for both: `view` is the route it was opened under, "customers" or "suppliers". */
export function mount(el, args, view) {
  const plural = view === "suppliers" ? "suppliers" : "customers";
  return args[0] ? contactPage(el, plural, Number(args[0])) : contactList(el, plural);
}

function fields(contact) {
  const c = contact || {};
  return [h("div", { class: "grid2" },
    control({ name: "name", label: "Name", required: true, value: c.name }),
    control({ name: "email", label: "E-mail", type: "email", value: c.email }),
    control({ name: "phone", label: "Phone", type: "tel", value: c.phone }),
    control({ name: "tax_id", label: "Tax id", value: c.tax_id }),
    control({ name: "default_platform", label: "Usually orders through", options: PLATFORMS, value: c.default_platform || "" }),
    control({ name: "payment_terms", label: "Payment terms", options: [["prepay", "Prepay"], ["po", "Purchase order"]],
      value: c.payment_terms || "prepay" })),
  control({ name: "shipping_address", label: "Shipping address (one line each)", type: "textarea",
    value: (c.shipping_address || []).join("\n") }),
  control({ name: "billing_address", label: "Billing address (one line each)", type: "textarea",
    value: (c.billing_address || []).join("\n") }),
  control({ name: "notes", label: "Notes", type: "textarea", value: c.notes })];
}

function body(data) {
  return { name: data.name, email: data.email || null, phone: data.phone || null, tax_id: data.tax_id || null,
    default_platform: data.default_platform || null, payment_terms: data.payment_terms,
    shipping_address: lines(data.shipping_address), billing_address: lines(data.billing_address), notes: data.notes || "" };
}

async function contactList(el, plural) {
  const [heading, kind] = KINDS[plural];
  title(heading);
  const search = h("input", { type: "search", id: "contact-q", placeholder: "Name, e-mail or phone" });
  const toolbar = h("form", { class: "toolbar", role: "search", "aria-label": `Find ${plural}` },
    h("label", { for: "contact-q" }, "Search", search), h("button", { type: "submit" }, "Find"));
  const list = h("div");
  el.append(toolbar, list);
  const pages = pager(list, (cursor) => {
    const query = new URLSearchParams({ limit: 50 });
    if (search.value.trim()) query.set("q", search.value.trim());
    if (cursor) query.set("cursor", cursor);
    return api("GET", `/api/${plural}?${query}`);
  }, (rows) => table(heading, ["Name", "E-mail", "Phone"], rows.map((c) => h("tr", {},
    h("td", {}, h("a", { href: `#/${plural}/${c.id}` }, c.name)), h("td", { text: c.email || "—" }),
    h("td", { text: c.phone || "—" }))), `No ${plural} match.`));
  toolbar.addEventListener("submit", (event) => { event.preventDefault(); pages.reset(); });
  await pages.show();
  if (canWrite()) {
    el.append(form(`New ${kind}`, fields(), `Add ${kind}`, async (data) => {
      const created = await api("POST", `/api/${plural}`, body(data));
      toast(`${created.name} added.`);
      location.hash = `#/${plural}/${created.id}`;
    }));
  }
}

function history(contact) {
  const hi = contact.history;
  if (hi.purchase_orders) {
    return table("Purchase orders", ["PO", "Status", "Created"], hi.purchase_orders.map((po) => h("tr", {},
      h("td", { text: po.reference }), h("td", { text: po.status }), h("td", { text: date(po.created_at) }))),
    "No purchase orders yet.");
  }
  return h("div", {},
    h("dl", { class: "kv" }, [["Orders", String(hi.orders)], ["Open orders", String(hi.open_orders)],
      ["Spent", money(hi.spend)], ["Revenue", money(hi.revenue)], ["Profit", money(hi.profit)],
      ["Margin", percent(hi.margin_percent)], ["Open balance", money(hi.open_balance)]]
      .map(([label, value]) => [h("dt", { text: label }), h("dd", { text: value })])),
    table("Recent orders", ["Order", "Status", "Payment", "Total"], hi.recent_orders.map((o) => h("tr", {},
      h("td", {}, h("a", { href: `#/orders/${o.id}` }, o.reference)), h("td", { text: o.status }),
      h("td", { text: o.payment_status }), h("td", { class: "num", text: money(o.total) }))), "No orders yet."));
}

async function contactPage(el, plural, id) {
  const [, kind] = KINDS[plural];
  const contact = await api("GET", `/api/${plural}/${id}`);
  title(contact.name);
  const refresh = async () => { el.replaceChildren(); await contactPage(el, plural, id); };
  el.append(h("p", {}, h("a", { href: `#/${plural}` }, `All ${plural}`)));
  if (contact.merged_into) {
    el.append(h("p", { class: "muted" }, "Merged into ", h("a", { href: `#/${plural}/${contact.merged_into}` }, `#${contact.merged_into}`), "."));
  }
  const details = [["E-mail", contact.email], ["Phone", contact.phone], ["Ships to", contact.shipping_address.join(", ")],
    ["Bills to", contact.billing_address.join(", ")], ["Tax id", contact.tax_id], ["Terms", contact.payment_terms],
    ["Notes", contact.notes]].filter(([, value]) => value);
  if (details.length) {
    el.append(h("dl", { class: "kv" }, details.map(([label, value]) => [h("dt", { text: label }), h("dd", { text: value })])));
  }
  el.append(h("section", { class: "panel", "aria-labelledby": "c-hist" }, h("h2", { id: "c-hist", text: "History" }), history(contact)));
  if (!canWrite() || contact.merged_into) return;
  el.append(form(`Change this ${kind}`, fields(contact), "Save", async (data) => {
    await api("PUT", `/api/${plural}/${id}`, body(data));
    toast("Saved.");
    await refresh();
  }));
  const others = items(await api("GET", `/api/${plural}?limit=500`)).filter((c) => c.id !== id);
  if (others.length) {
    el.append(form(`Merge this ${kind} into another`, [control({ name: "into_id", label: `The ${kind} that stays`,
      options: others.map((c) => [c.id, `${c.name}${c.email ? ` · ${c.email}` : ""}`]) })], "Merge", async (data) => {
      const kept = await api("POST", `/api/${plural}/${id}/merge`, { into_id: Number(data.into_id) });
      toast(`Merged into ${kept.name}.`);
      location.hash = `#/${plural}/${kept.id}`;
    }));
  }
}
