// Products: the catalog with each product's BOM (printed components, consumables, labour), COGS, pricing on every
// sales channel (fees, profit, margin, break-even, the price for a target margin) and its cost history.
import { act, api, button, canWrite, control, date, form, h, items, money, pager, percent, table, title,
  toast } from "./lib.js";

export async function mount(el, args) {
  if (args[0] === "new") return editor(el, null);
  if (args[0] === "new-set") return setEditor(el);
  if (args[0] && args[1] === "edit") return editor(el, await api("GET", `/api/products/${args[0]}`));
  if (args[0]) return productPage(el, Number(args[0]));
  return productList(el);
}

async function productList(el) {
  title("Products");
  const search = h("input", { type: "search", id: "product-q", placeholder: "SKU or name" });
  const toolbar = h("form", { class: "toolbar", role: "search", "aria-label": "Find products" },
    h("label", { for: "product-q" }, "Search", search), h("button", { type: "submit" }, "Find"),
    canWrite() ? h("a", { href: "#/products/new", class: "button primary" }, "New product") : null,
    canWrite() ? h("a", { href: "#/products/new-set", class: "button" }, "New set") : null);
  el.append(toolbar);
  const list = pager(el, async (cursor) => {
    const q = search.value.trim();
    const query = new URLSearchParams({ limit: 50 });
    if (q) query.set("q", q);
    if (cursor) query.set("cursor", cursor);
    return api("GET", `/api/products?${query}`);
  }, (products) => table("Products", ["Product", "Kind", "Price"], products.map((p) => h("tr", {},
    h("td", {}, h("a", { href: `#/products/${p.id}` }, p.name), " ", h("span", { class: "muted", text: p.sku }),
      p.archived ? h("span", { class: "chip", text: "archived" }) : null),
    h("td", { text: p.kind }), h("td", { class: "num", text: money(p.sale_price) }))), "No products match."));
  toolbar.addEventListener("submit", (event) => { event.preventDefault(); list.reset(); });
  return list.show();
}

function bomRow(kind, options, index, entry) {
  const idName = kind === "components" ? "model_id" : "consumable_id";
  const what = kind === "components" ? "Model" : "Consumable";
  const row = h("fieldset", { class: "line-row", "data-repeat": kind },
    h("legend", { class: "sr-only", text: `${what} ${index + 1}` }),
    control({ name: idName, field: `${kind}[${index}].${idName}`, label: `${what} ${index + 1}`,
              options: [["", "Choose…"], ...options], value: entry && entry[idName] }),
    control({ name: "quantity", field: `${kind}[${index}].quantity`, label: "Per product", type: "number",
              value: entry ? entry.quantity : 1, attrs: { min: 1, step: 1 } }),
    button("Remove", () => row.remove(), "quiet", { "aria-label": `Remove ${what.toLowerCase()} ${index + 1}` }));
  return row;
}

function bomSection(kind, heading, options, entries) {
  const box = h("div", { class: "lines" });
  let count = 0;
  const add = (entry) => box.append(bomRow(kind, options, count++, entry));
  entries.forEach(add);
  return h("div", {}, h("h4", { text: heading }), box,
    h("p", { class: "field-error", id: `${kind}-error`, "data-field": kind, "aria-describedby": `${kind}-error` }),
    button(`Add ${kind === "components" ? "a printed component" : "a consumable"}`, () => add(null), "quiet"));
}

function readBom(formEl, kind) {
  const idName = kind === "components" ? "model_id" : "consumable_id";
  return [...formEl.querySelectorAll(`[data-repeat="${kind}"]`)].map((row) => ({
    [idName]: Number(row.querySelector(`[name="${idName}"]`).value) || 0,
    quantity: Number(row.querySelector('[name="quantity"]').value) || 0,
  }));
}

async function editor(el, product) {
  title(product ? `Edit ${product.name}` : "New product");
  if (!canWrite()) { el.append(h("p", { text: "Your role can read products but not change them." })); return; }
  const [models, consumables] = await Promise.all([api("GET", "/api/models?limit=500"), api("GET", "/api/consumables")]);
  const modelOptions = items(models).map((m) => [m.id, m.name]);
  const consumableOptions = items(consumables).filter((c) => !c.archived).map((c) => [c.id, `${c.sku} · ${c.name}`]);
  el.append(h("p", {}, h("a", { href: product ? `#/products/${product.id}` : "#/products" }, "← Back")),
    form(product ? "Edit product" : "New product", [
      h("div", { class: "grid2" },
        control({ name: "sku", label: "SKU", required: true, value: product && product.sku }),
        control({ name: "name", label: "Name", required: true, value: product && product.name }),
        control({ name: "sale_price", label: "Sale price", type: "money", required: true, value: product && product.sale_price }),
        control({ name: "labour_hours", label: "Labour hours per unit", type: "money", value: product ? product.labour_hours : "0" }),
        control({ name: "category", label: "Category", value: product && product.category })),
      control({ name: "description", label: "Description", type: "textarea", value: product && product.description }),
      bomSection("components", "Printed components", modelOptions, product ? product.components : [null]),
      bomSection("consumables", "Consumables", consumableOptions, product ? product.consumables : []),
    ], product ? "Save product" : "Create product", async (data, formEl) => {
      const body = { ...data, sale_price: String(data.sale_price || "").replace(",", "."),
                     labour_hours: String(data.labour_hours || "0").replace(",", "."),
                     components: readBom(formEl, "components"), consumables: readBom(formEl, "consumables") };
      const saved = product ? await api("PUT", `/api/products/${product.id}`, body) : await api("POST", "/api/products", body);
      toast(`${saved.name} saved.`);
      location.hash = `#/products/${saved.id}`;
    }));
}

async function productPage(el, id) {
  const product = await api("GET", `/api/products/${id}`);
  title(product.name);
  const refresh = async () => { el.replaceChildren(); await productPage(el, id); };
  el.append(h("p", {}, h("a", { href: "#/products" }, "← Products")));
  const head = h("section", { class: "panel", "aria-labelledby": "p-head" },
    h("h2", { id: "p-head", text: `${product.name} (${product.sku})` }),
    product.archived ? h("p", {}, h("span", { class: "chip", text: "archived" })) : null,
    h("dl", { class: "kv" }, h("dt", { text: "Price" }), h("dd", { text: money(product.sale_price) }),
      h("dt", { text: "Unit COGS" }), h("dd", { id: "product-cogs", text: money(product.cogs && product.cogs.total) }),
      h("dt", { text: "Labour hours" }), h("dd", { text: product.labour_hours })),
    product.description ? h("p", { text: product.description }) : null);
  if (canWrite()) {
    const archive = button(product.archived ? "Restore" : "Archive", () => act(archive,
      () => api("POST", `/api/products/${id}/${product.archived ? "restore" : "archive"}`),
      { done: product.archived ? "Restored." : "Archived: kept for history, no longer sold.", refresh }), "quiet");
    head.append(h("div", { class: "actions" },
      product.kind === "product" ? h("a", { href: `#/products/${id}/edit`, class: "button" }, "Edit") : null, archive));
    head.append(form("Other names customers use", [control({ name: "aliases", type: "textarea",
      label: "One per line (read in order notes and quote requests)", value: (product.aliases || []).join("\n") })],
    "Save names", async (data) => {
      const aliases = String(data.aliases || "").split("\n").map((a) => a.trim()).filter(Boolean);
      await api("PUT", `/api/products/${id}/aliases`, { aliases });
      toast("Names saved.");
      await refresh();
    }));
  } else if ((product.aliases || []).length) {
    head.append(h("p", { class: "muted", text: `Also called: ${product.aliases.join(", ")}` }));
  }
  el.append(head);
  el.append(h("section", { class: "panel", "aria-labelledby": "p-bom" }, h("h2", { id: "p-bom", text: "Bill of materials" }),
    table("Printed components", ["Model", "Qty"], product.components.map((c) => h("tr", {},
      h("td", {}, h("a", { href: `#/models/${c.model_id}` }, c.model_name)), h("td", { class: "num", text: String(c.quantity) }))),
    "No printed components."),
    table("Consumables", ["Consumable", "Qty"], product.consumables.map((c) => h("tr", {},
      h("td", { text: `${c.sku} · ${c.name}` }), h("td", { class: "num", text: String(c.quantity) }))), "No consumables."),
    product.items ? table("Set items", ["Item", "Qty"], product.items.map((i) => h("tr", {},
      h("td", {}, h("a", { href: `#/products/${i.product_id}` }, i.name)), h("td", { class: "num", text: String(i.quantity) })))) : null));
  el.append(await stockPanel(product, refresh));
  el.append(await pricingPanel(product));
  const answer = await api("GET", `/api/products/${id}/cost-history`);
  const history = answer.snapshots;
  el.append(h("section", { class: "panel", "aria-labelledby": "p-hist" }, h("h2", { id: "p-hist", text: "Cost history" }),
    table("Cost history", ["Date", "Reason", "COGS"], history.slice(-20).reverse().map((s) => h("tr", {},
      h("td", { text: date(s.at) }), h("td", { text: s.reason }), h("td", { class: "num", text: money(s.total) }))),
    "No history yet.")));
}

async function pricingPanel(product) {
  const panel = h("section", { class: "panel", "aria-labelledby": "p-price" }, h("h2", { id: "p-price", text: "Pricing per channel" }));
  const channels = items(await api("GET", "/api/channels")).filter((c) => !c.archived);
  if (!channels.length) {
    panel.append(h("p", {}, "No sales channels yet: add one under ", h("a", { href: "#/settings" }, "Settings"), "."));
    return panel;
  }
  const compare = await api("GET", `/api/products/${product.id}/pricing/compare?price=${encodeURIComponent(product.sale_price)}`);
  panel.append(table("Every channel at the list price", ["Channel", "Fees", "Profit", "Margin", "Break-even"],
    items(compare.channels || compare).map((row) => h("tr", {}, h("td", { text: row.channel }),
      h("td", { class: "num", text: money(row.at_price && row.at_price.fees) }),
      h("td", { class: "num", text: money(row.at_price && row.at_price.profit) }),
      h("td", { class: "num", text: percent(row.at_price && row.at_price.margin_percent) }),
      h("td", { class: "num", text: money(row.break_even_price) })))));
  const result = h("div", { id: "target-result", role: "status", "aria-live": "polite" });
  panel.append(form("Price for a target margin", [h("div", { class: "grid2" },
    control({ name: "channel", label: "Channel", options: channels.map((c) => [c.id, c.name]) }),
    control({ name: "target_margin", label: "Target margin %", type: "money", value: "30" }))],
  "Work out price", async (data) => {
    const query = new URLSearchParams({ channel: data.channel, target_margin: String(data.target_margin || "").replace(",", ".") });
    const answer = await api("GET", `/api/products/${product.id}/pricing?${query}`);
    const target = answer.for_target || answer.target || answer;
    const quote = target.quote || {};
    result.replaceChildren(h("dl", { class: "kv" },
      h("dt", { text: "Price" }), h("dd", { id: "target-price", text: money(target.price) }),
      h("dt", { text: "Fees" }), h("dd", { text: money(quote.fees) }),
      h("dt", { text: "COGS" }), h("dd", { text: money(quote.cogs) }),
      h("dt", { text: "Profit" }), h("dd", { text: money(quote.profit) }),
      h("dt", { text: "Margin" }), h("dd", { text: percent(quote.margin_percent) })));
  }, result));
  return panel;
}

async function setEditor(el) {
  title("New set");
  if (!canWrite()) { el.append(h("p", { text: "Your role can read products but not change them." })); return; }
  const products = items(await api("GET", "/api/products?limit=500")).filter((p) => !p.archived);
  const options = products.map((p) => [p.id, `${p.sku} · ${p.name}`]);
  const box = h("div", { class: "lines" });
  let count = 0;
  const add = () => {
    const index = count++;
    const row = h("fieldset", { class: "line-row", "data-repeat": "items" },
      h("legend", { class: "sr-only", text: `Item ${index + 1}` }),
      control({ name: "product_id", field: `items[${index}].product_id`, label: `Item ${index + 1}`,
                options: [["", "Choose…"], ...options] }),
      control({ name: "quantity", field: `items[${index}].quantity`, label: "How many", type: "number", value: 1,
                attrs: { min: 1 } }),
      button("Remove", () => row.remove(), "quiet", { "aria-label": `Remove item ${index + 1}` }));
    box.append(row);
  };
  add();
  el.append(h("p", {}, h("a", { href: "#/products" }, "← Products")), form("New set", [
    h("div", { class: "grid2" }, control({ name: "sku", label: "SKU", required: true }),
      control({ name: "name", label: "Name", required: true }),
      control({ name: "sale_price", label: "Sale price", type: "money", required: true })),
    control({ name: "description", label: "Description", type: "textarea" }),
    h("h4", { text: "In the set" }), box,
    h("p", { class: "field-error", id: "items-error", "data-field": "items", "aria-describedby": "items-error" }),
    button("Add an item", add, "quiet"),
  ], "Create set", async (data, formEl) => {
    const itemsIn = [...formEl.querySelectorAll('[data-repeat="items"]')].map((row) => ({
      product_id: Number(row.querySelector('[name="product_id"]').value) || 0,
      quantity: Number(row.querySelector('[name="quantity"]').value) || 0 }));
    const made = await api("POST", "/api/sets", { sku: data.sku, name: data.name, description: data.description || "",
      sale_price: String(data.sale_price || "").replace(",", "."), items: itemsIn });
    toast(`${made.name} created.`);
    location.hash = `#/products/${made.id}`;
  }));
}

async function stockPanel(product, refresh) {
  const stock = await api("GET", `/api/products/${product.id}/stock`);
  const levels = Object.entries(stock.locations || {});
  const panel = h("section", { class: "panel", "aria-labelledby": "p-stock" }, h("h2", { id: "p-stock", text: "Finished stock" }),
    table("Finished stock per location", ["Location", "On hand", "Allocated", "Available"], levels.map(([where, level]) => h("tr", {},
      h("td", { text: where }), h("td", { class: "num", text: String(level.on_hand) }),
      h("td", { class: "num", text: String(level.allocated) }), h("td", { class: "num", text: String(level.available) }))),
    "None in stock."));
  if (canWrite()) {
    panel.append(form("Count finished stock", [h("div", { class: "grid2" },
      control({ name: "quantity", label: "Change (+ in, − out)", type: "number", required: true }),
      control({ name: "location", label: "Location", value: "main" }),
      control({ name: "reason", label: "Why", options: [["count", "Counted"], ["assembled", "Assembled"],
        ["receipt", "Received"], ["damage", "Damaged"], ["adjustment", "Other"]] }))],
    "Record", async (data) => {
      await api("POST", `/api/products/${product.id}/stock`, data);
      toast("Stock recorded.");
      await refresh();
    }));
  }
  return panel;
}
