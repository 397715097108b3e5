// Stock: consumables (on hand, reorder point, low-stock flags; adjust, purchase, edit, archive), filament spools
// (add, weigh, move to a printer), purchase orders (raise, draft from low stock, receive, close), customer returns
// (expect, receive to stock or scrap, cancel) and transfers.
import { act, api, button, canWrite, control, date, form, h, items, money, pager, swatch, table, title, toast } from "./lib.js";

const pageOf = (path, cursor) => api("GET", `${path}?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);

export async function mount(el) {
  title("Stock");
  const refresh = async () => { el.replaceChildren(); await mount(el); };
  const [consumables, spools, printers] = await Promise.all([api("GET", "/api/consumables"),
    api("GET", "/api/spools?limit=500"), api("GET", "/api/printers")]);
  const printerNames = new Map(items(printers).map((p) => [p.id, p.name]));
  const live = items(consumables).filter((c) => !c.archived);
  el.append(h("nav", { class: "row", "aria-label": "Stock sections" },
    h("a", { href: "#/stock", onclick: jump("s-cons") }, "Consumables"),
    h("a", { href: "#/stock", onclick: jump("s-spools") }, "Spools"),
    h("a", { href: "#/stock", onclick: jump("s-po") }, "Purchase orders"),
    h("a", { href: "#/stock", onclick: jump("s-ret") }, "Returns"),
    h("a", { href: "#/stock", onclick: jump("s-tr") }, "Transfers")));
  el.append(consumablesPanel(items(consumables), live, refresh));
  el.append(spoolsPanel(items(spools), printerNames, refresh));
  el.append(await purchasePanel(live, refresh));
  el.append(await returnsPanel(refresh));
  el.append(await transferPanel(refresh));
}

async function returnsPanel(refresh) {
  const panel = h("section", { class: "panel", "aria-labelledby": "s-ret" },
    h("h2", { id: "s-ret", text: "Customer returns" }));
  const words = { receive: "Receive", cancel: "Cancel" };
  await pager(panel, (cursor) => pageOf("/api/returns", cursor), (returns) => table("Returns",
    ["Return", "Goods", "Refund", "Status", "Actions"], returns.map((r) => {
    const cell = h("td", { class: "actions" });
    for (const action of canWrite() ? r.allowed_actions.filter((a) => words[a]) : []) {
      const btn = button(words[action], () => act(btn, () => api("POST", `/api/returns/${r.id}/${action}`, {}),
        { done: `${r.reference}: ${words[action].toLowerCase()} done.`, refresh }), action === "cancel" ? "quiet" : null,
      { "aria-label": `${words[action]} ${r.reference}` });
      cell.append(btn);
    }
    return h("tr", {}, h("td", { text: `${r.reference} · ${r.customer_name}` }),
      h("td", { text: r.lines.map((l) => `${l.quantity} × ${l.sku} (${l.disposition})`).join(", ") }),
      h("td", { text: money(r.refund_amount) }), h("td", { text: r.status }), cell);
  }), "No returns yet.")).show();
  if (!canWrite()) return panel;
  const products = items(await api("GET", "/api/products?limit=500")).filter((p) => !p.archived);
  if (products.length) {
    panel.append(form("Expect a return", [h("div", { class: "grid2" },
      control({ name: "customer_name", label: "Customer", required: true }),
      control({ name: "product_id", field: "lines[0].product_id", label: "Product",
                options: products.map((p) => [p.id, `${p.sku} · ${p.name}`]) }),
      control({ name: "quantity", field: "lines[0].quantity", label: "How many", type: "number", required: true,
                attrs: { min: 1 } }),
      control({ name: "disposition", field: "lines[0].disposition", label: "On arrival",
                options: [["restock", "Back to stock"], ["scrap", "Scrap"]] }),
      control({ name: "refund_amount", label: "Refund when it arrives", type: "money", value: "0.00" }),
      control({ name: "reason", label: "Reason" }))],
    "Expect return", async (data) => {
      await api("POST", "/api/returns", { customer_name: data.customer_name, reason: data.reason || "",
        refund_amount: data.refund_amount || "0", lines: [{ product_id: Number(data.product_id),
          quantity: data.quantity, disposition: data.disposition }] });
      toast("Return expected.");
      await refresh();
    }));
  }
  return panel;
}

async function transferPanel(refresh) {
  const panel = h("section", { class: "panel", "aria-labelledby": "s-tr" },
    h("h2", { id: "s-tr", text: "Transfers of finished goods" }));
  const words = { ship: "Send", receive: "Receive", cancel: "Cancel" };
  await pager(panel, (cursor) => pageOf("/api/transfers", cursor), (transfers) => table("Transfers",
    ["Transfer", "Goods", "Status", "Actions"], transfers.map((t) => {
    const cell = h("td", { class: "actions" });
    for (const action of canWrite() ? t.allowed_actions.filter((a) => words[a]) : []) {
      const btn = button(words[action], () => act(btn, () => api("POST", `/api/transfers/${t.id}/${action}`, {}),
        { done: `${t.reference}: ${words[action].toLowerCase()} done.`, refresh }), action === "cancel" ? "quiet" : null,
      { "aria-label": `${words[action]} ${t.reference}` });
      cell.append(btn);
    }
    return h("tr", {}, h("td", { text: `${t.reference}: ${t.from_location} → ${t.to_location}` }),
      h("td", { text: t.lines.map((l) => `${l.quantity} × ${l.sku}`).join(", ") }), h("td", { text: t.status }), cell);
  }), "No transfers yet.")).show();
  if (!canWrite()) return panel;
  const products = items(await api("GET", "/api/products?limit=500")).filter((p) => !p.archived);
  if (products.length) {
    panel.append(form("Plan a transfer", [h("div", { class: "grid2" },
      control({ name: "from_location", label: "From", value: "main", required: true }),
      control({ name: "to_location", label: "To", required: true }),
      control({ name: "product_id", field: "lines[0].product_id", label: "Product",
                options: products.map((p) => [p.id, `${p.sku} · ${p.name}`]) }),
      control({ name: "quantity", field: "lines[0].quantity", label: "How many", type: "number", required: true,
                attrs: { min: 1 } }))],
    "Plan transfer", async (data) => {
      await api("POST", "/api/transfers", { from_location: data.from_location, to_location: data.to_location,
        lines: [{ product_id: Number(data.product_id), quantity: data.quantity }] });
      toast("Transfer planned.");
      await refresh();
    }));
  }
  return panel;
}

const jump = (id) => (event) => { event.preventDefault(); document.getElementById(id).scrollIntoView(); };

function consumablesPanel(all, live, refresh) {
  const panel = h("section", { class: "panel", "aria-labelledby": "s-cons" }, h("h2", { id: "s-cons", text: "Consumables" }));
  panel.append(table("Consumables", ["Consumable", "On hand", "Reorder at", "Cost"], all.map((c) => h("tr", {},
    h("td", {}, h("strong", { text: c.name }), " ", h("span", { class: "muted", text: c.sku }),
      c.low_stock ? h("span", { class: "chip low", text: "low" }) : null,
      c.archived ? h("span", { class: "chip", text: "archived" }) : null),
    h("td", { class: "num", text: String(c.stock) }), h("td", { class: "num", text: String(c.reorder_point) }),
    h("td", { class: "num", text: money(c.unit_cost) }))), "No consumables yet."));
  if (!canWrite()) return panel;
  const options = live.map((c) => [c.id, `${c.sku} · ${c.name}`]);
  panel.append(form("New consumable", [h("div", { class: "grid2" },
    control({ name: "sku", label: "SKU", required: true }), control({ name: "name", label: "Name", required: true }),
    control({ name: "unit_cost", label: "Unit cost", type: "money", required: true }),
    control({ name: "stock", label: "Opening stock", type: "number", value: 0, attrs: { min: 0 } }),
    control({ name: "reorder_point", label: "Reorder point", type: "number", value: 0, attrs: { min: 0 } }),
    control({ name: "vendor", label: "Vendor" }))],
  "Add consumable", async (data) => {
    await api("POST", "/api/consumables", { ...data, unit_cost: String(data.unit_cost || "").replace(",", ".") });
    toast(`${data.name} added.`);
    await refresh();
  }));
  if (options.length) {
    panel.append(form("Adjust stock", [h("div", { class: "grid2" },
      control({ name: "consumable", label: "Consumable", options }),
      control({ name: "quantity", label: "Change (+ in, − out)", type: "number", required: true }),
      control({ name: "reason", label: "Why", options: [["count", "Counted"], ["receipt", "Received"],
        ["damage", "Damaged"], ["adjustment", "Other"]] }))],
    "Adjust", async (data) => {
      await api("POST", `/api/consumables/${data.consumable}/stock`, { quantity: data.quantity, reason: data.reason });
      toast("Stock adjusted.");
      await refresh();
    }));
    panel.append(form("Record a purchase", [h("div", { class: "grid2" },
      control({ name: "consumable", label: "Consumable", options }),
      control({ name: "quantity", label: "Quantity bought", type: "number", required: true, attrs: { min: 1 } }),
      control({ name: "total_cost", label: "Total paid", type: "money", required: true }),
      control({ name: "supplier", label: "Supplier" }))],
    "Record purchase", async (data) => {
      await api("POST", `/api/consumables/${data.consumable}/purchases`, { quantity: String(data.quantity),
        total_cost: String(data.total_cost).replace(",", "."), supplier: data.supplier });
      toast("Purchase recorded: a new cost layer.");
      await refresh();
    }));
    const usage = h("div", { id: "usage-log", role: "status", "aria-live": "polite" });
    panel.append(form("Usage log", [control({ name: "consumable", label: "Consumable", options })], "Show usage",
      async (data) => {
        const draws = await api("GET", `/api/consumables/${data.consumable}/usage`);
        usage.replaceChildren(table("Usage", ["When", "Qty", "Order", "Cost"], draws.slice(-50).reverse().map((d) => h("tr", {},
          h("td", { text: date(d.at) }), h("td", { class: "num", text: String(d.quantity) }),
          h("td", {}, d.order_id ? h("a", { href: `#/orders/${d.order_id}` }, `order ${d.order_id}`) : d.reference || ""),
          h("td", { class: "num", text: money(d.cost) }))), "Nothing used yet."));
      }, usage));
    const pick = control({ name: "consumable", label: "Consumable", options: [["", "Choose…"], ...options] });
    const archiveButton = button("Archive", () => {
      const id = pick.querySelector("select").value;
      if (!id) { toast("Choose a consumable first.", true); return; }
      act(archiveButton, () => api("POST", `/api/consumables/${id}/archive`), { done: "Archived.", refresh });
    }, "quiet");
    panel.append(h("div", { class: "toolbar" }, pick, archiveButton));
  }
  return panel;
}

function spoolsPanel(spools, printerNames, refresh) {
  const panel = h("section", { class: "panel", "aria-labelledby": "s-spools" }, h("h2", { id: "s-spools", text: "Filament spools" }));
  panel.append(table("Spools", ["Spool", "Grams left", "Where"], spools.map((s) => h("tr", {},
    h("td", {}, swatch(s.colour, `${s.material} ${s.colour || ""}`), " ", `#${s.id} ${s.material} ${s.brand || ""}`),
    h("td", { class: "num", text: `${Number(s.grams_left)} / ${Number(s.net_grams)}` }),
    h("td", { text: s.printer_id ? printerNames.get(s.printer_id) || `printer ${s.printer_id}` : "shelf" }))), "No spools yet."));
  if (!canWrite()) return panel;
  const printerOptions = [...printerNames].map(([id, name]) => [id, name]);
  panel.append(form("Add a spool", [h("div", { class: "grid2" },
    control({ name: "material", label: "Material", value: "PLA", required: true }),
    control({ name: "colour", label: "Colour", type: "color", value: "#ffffff" }),
    control({ name: "brand", label: "Brand" }),
    control({ name: "grams", label: "Net grams", type: "number", value: 1000, attrs: { min: 1 } }),
    control({ name: "cost", label: "Cost", type: "money", value: "0" }),
    control({ name: "printer_id", label: "On printer", options: [["", "Shelf"], ...printerOptions] }))],
  "Add spool", async (data) => {
    const body = { ...data, colour: data.colour.toUpperCase(), cost: String(data.cost || "0").replace(",", "."),
                   printer_id: data.printer_id ? Number(data.printer_id) : null };
    await api("POST", "/api/spools", body);
    toast("Spool added.");
    await refresh();
  }));
  if (spools.length) {
    panel.append(form("Weigh or move a spool", [h("div", { class: "grid2" },
      control({ name: "spool", label: "Spool", options: spools.map((s) => [s.id, `#${s.id} ${s.material} ${s.colour || ""}`]) }),
      control({ name: "grams_left", label: "Grams left (blank: unchanged)", type: "number", attrs: { min: 0 } }),
      control({ name: "printer_id", label: "Move to", options: [["", "Leave where it is"], ["shelf", "Shelf"], ...printerOptions] }))],
    "Save spool", async (data) => {
      const body = {};
      if (data.grams_left !== undefined) body.grams_left = String(data.grams_left);
      if (data.printer_id === "shelf") body.on_shelf = true;
      else if (data.printer_id) body.printer_id = Number(data.printer_id);
      await api("PUT", `/api/spools/${data.spool}`, body);
      toast("Spool saved.");
      await refresh();
    }));
  }
  return panel;
}

async function purchasePanel(consumables, refresh) {
  const panel = h("section", { class: "panel", "aria-labelledby": "s-po" }, h("h2", { id: "s-po", text: "Purchase orders" }));
  const row = (po) => {
    const actions = h("td", { class: "actions" });
    if (canWrite()) {
      for (const action of po.allowed_actions.filter((a) => ["receive", "confirm", "close", "cancel"].includes(a))) {
        const words = { receive: "Receive all", confirm: "Confirm", close: "Close", cancel: "Cancel" }[action];
        const btn = button(words, () => act(btn, () => api("POST", `/api/purchase-orders/${po.id}/${action}`, {}),
          { done: `${po.reference}: ${words.toLowerCase()} done.`, refresh }), action === "receive" ? "primary" : "quiet",
        { "aria-label": `${words} ${po.reference}` });
        actions.append(btn);
      }
    }
    return h("tr", {}, h("td", {}, h("strong", { text: po.reference }), h("br"), po.supplier),
      h("td", { text: `${po.status}${po.expected_on ? ` · due ${date(po.expected_on)}` : ""}` }),
      h("td", { class: "num", text: money(po.total) }), actions);
  };
  await pager(panel, (cursor) => pageOf("/api/purchase-orders", cursor), (pos) => table("Purchase orders",
    ["Order", "Status", "Total", "Actions"], pos.map(row), "No purchase orders yet.")).show();
  if (!canWrite()) return panel;
  const draft = button("Draft from low stock", () => act(draft, () => api("POST", "/api/purchase-orders/from-low-stock", {}),
    { done: "Drafted purchase orders for low stock.", refresh }), "quiet");
  panel.append(draft);
  if (consumables.length) {
    panel.append(form("Raise a purchase order", [h("div", { class: "grid2" },
      control({ name: "supplier", label: "Supplier", required: true }),
      control({ name: "expected_on", label: "Expected on", type: "date" }),
      control({ name: "item_id", field: "lines[0].item_id", label: "Consumable", options: consumables.map((c) => [c.id, `${c.sku} · ${c.name}`]) }),
      control({ name: "quantity", field: "lines[0].quantity", label: "Quantity", type: "number", required: true, attrs: { min: 1 } }),
      control({ name: "unit_cost", field: "lines[0].unit_cost", label: "Unit cost", type: "money", required: true }))],
    "Raise purchase order", async (data) => {
      const body = { supplier: data.supplier, expected_on: data.expected_on, lines: [{ item_kind: "consumable",
        item_id: Number(data.item_id), quantity: data.quantity, unit_cost: String(data.unit_cost || "").replace(",", ".") }] };
      const po = await api("POST", "/api/purchase-orders", body);
      toast(`${po.reference} raised.`);
      await refresh();
    }));
  }
  return panel;
}
