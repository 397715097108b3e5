// Settings: the shop's branding (name, address, logo, colour, footer on invoices and slips), costs (labour,
// overhead, failure buffer), material prices, sales channels and their fees (add, archive, restore), and order
// settings. Changing them needs the admin role.
import { act, api, button, control, form, h, isAdmin, items, money, percent, table, title, toast } from "./lib.js";

const COSTS = [["labour_rate_per_hour", "Labour per hour"], ["overhead_percent", "Overhead %"],
  ["failure_buffer_percent", "Failure buffer %"], ["electricity_price_per_kwh", "Electricity per kWh"],
  ["software_per_order", "Software per order"], ["purge_grams_per_colour_change", "Purge grams per colour change"]];
const FEES = [["transaction_fee_percent", "Transaction fee %"], ["transaction_fee_fixed", "Transaction fee, fixed"],
  ["payment_fee_percent", "Payment fee %"], ["payment_fee_fixed", "Payment fee, fixed"], ["listing_fee", "Listing fee"],
  ["vat_on_fees_percent", "VAT on fees %"]];
const decimal = (value) => String(value ?? "0").replace(",", ".");

export async function mount(el) {
  title("Settings");
  const refresh = async () => { el.replaceChildren(); await mount(el); };
  const admin = isAdmin();
  const [branding, costs, materials, channels, orderSettings, payments, messageSettings, outbox, quoteSettings] =
    await Promise.all([api("GET", "/api/settings/branding"), api("GET", "/api/settings/costs"),
      api("GET", "/api/settings/materials"), api("GET", "/api/channels"), api("GET", "/api/settings/orders"),
      api("GET", "/api/settings/payments"), api("GET", "/api/settings/messages"), api("GET", "/api/messages?limit=20"),
      api("GET", "/api/settings/quotes")]);
  if (!admin) el.append(h("p", { class: "muted", text: "You can read the settings; changing them needs the admin role." }));
  el.append(brandingPanel(branding, admin, refresh));

  const costPanel = h("section", { class: "panel", "aria-labelledby": "st-costs" }, h("h2", { id: "st-costs", text: "Costs" }));
  if (admin) {
    costPanel.append(form("Shop costs", [h("div", { class: "grid2" },
      COSTS.map(([name, label]) => control({ name, label, type: "money", value: costs[name] })))],
    "Save costs", async (data) => {
      const body = { ...costs };
      for (const [name] of COSTS) body[name] = decimal(data[name]);
      await api("PUT", "/api/settings/costs", body);
      toast("Costs saved.");
      await refresh();
    }));
  } else {
    costPanel.append(h("dl", { class: "kv" }, COSTS.map(([name, label]) => [h("dt", { text: label }), h("dd", { text: String(costs[name]) })])));
  }
  el.append(costPanel);

  const materialPanel = h("section", { class: "panel", "aria-labelledby": "st-mat" }, h("h2", { id: "st-mat", text: "Material prices" }),
    table("Material prices per gram", ["Material", "Cost"], Object.entries(materials).map(([name, price]) => h("tr", {},
      h("td", { text: name }), h("td", { class: "num", text: `${money(price)} / g` }))), "No material prices yet."));
  if (admin) {
    materialPanel.append(form("Set a material price", [h("div", { class: "grid2" },
      control({ name: "material", label: "Material", required: true, value: "PLA" }),
      control({ name: "cost_per_gram", label: "Cost per gram", type: "money", required: true }))],
    "Save price", async (data) => {
      await api("PUT", `/api/settings/materials/${encodeURIComponent(data.material)}`, { cost_per_gram: decimal(data.cost_per_gram) });
      toast("Price saved.");
      await refresh();
    }));
  }
  el.append(materialPanel);

  const channelPanel = h("section", { class: "panel", "aria-labelledby": "st-ch" }, h("h2", { id: "st-ch", text: "Sales channels" }));
  channelPanel.append(table("Sales channels", ["Channel", "Fees", ""], items(channels).map((c) => {
    const cell = h("td");
    if (admin) {
      const toggle = button(c.archived ? "Restore" : "Archive", () => act(toggle,
        () => api("POST", `/api/channels/${c.id}/${c.archived ? "restore" : "archive"}`),
        { done: c.archived ? "Restored." : "Archived.", refresh }), "quiet", { "aria-label": `${c.archived ? "Restore" : "Archive"} ${c.name}` });
      cell.append(toggle);
    }
    return h("tr", {}, h("td", {}, h("strong", { text: c.name }), c.archived ? h("span", { class: "chip", text: "archived" }) : null),
      h("td", { text: `${percent(c.transaction_fee_percent)} + ${percent(c.payment_fee_percent)} + ${money(c.payment_fee_fixed)}` }), cell);
  }), "No sales channels yet."));
  if (admin) {
    channelPanel.append(form("Add a sales channel", [h("div", { class: "grid2" },
      control({ name: "name", label: "Name", required: true }),
      control({ name: "platform", label: "Orders from", options: [["direct", "Direct"], ["etsy", "Etsy"], ["amazon", "Amazon"],
        ["wholesale", "Wholesale"], ["other", "Other"]] }),
      FEES.map(([name, label]) => control({ name, label, type: "money", value: "0" })))],
    "Add channel", async (data) => {
      const body = { name: data.name, platform: data.platform };
      for (const [name] of FEES) body[name] = decimal(data[name]);
      await api("POST", "/api/channels", body);
      toast(`${data.name} added.`);
      await refresh();
    }));
    const auto = control({ name: "auto_allocate", label: "Allocate finished stock as soon as an order is confirmed",
      type: "checkbox", value: orderSettings.auto_allocate });
    const prepay = control({ name: "prepay_before_printing", type: "checkbox", value: payments.prepay_before_printing,
      label: "Print prepay orders only once paid (direct, wholesale and other orders; Etsy and Amazon collect at checkout)" });
    const open = control({ name: "public_requests", type: "checkbox", value: quoteSettings.public_requests,
      label: "Let anyone on the network ask for a quote at /request (rate-limited; files parsed like models)" });
    el.append(channelPanel, h("section", { class: "panel", "aria-labelledby": "st-ord" }, h("h2", { id: "st-ord", text: "Orders" }),
      form("Order settings", [auto, prepay, open], "Save order settings", async (data) => {
        await api("PUT", "/api/settings/orders", { auto_allocate: data.auto_allocate });
        await api("PUT", "/api/settings/payments", { prepay_before_printing: data.prepay_before_printing });
        await api("PUT", "/api/settings/quotes", { public_requests: data.public_requests });
        toast("Order settings saved.");
      })));
  } else {
    el.append(channelPanel);
  }
  el.append(messagesPanel(messageSettings, items(outbox), admin, refresh));
}

/** Which status changes are told, in the shop's words (Jinja2: {{ order.reference }} and the like), and
 * what was sent: a failed message shows why and can be sent again. */
function messagesPanel(settings, sent, admin, refresh) {
  const panel = h("section", { class: "panel", "aria-labelledby": "st-msg" }, h("h2", { id: "st-msg", text: "Messages" }));
  const names = Object.keys(settings.templates);
  if (admin) {
    const controls = names.map((name) => {
      const t = settings.templates[name];
      return h("fieldset", { class: "message" }, h("legend", { text: `${name.replaceAll("_", " ")} (${t.audience})` }),
        control({ name: `${name}.enabled`, label: `Send when ${t.description}`, type: "checkbox", value: t.enabled }),
        control({ name: `${name}.subject`, label: "Subject", value: t.subject, field: `templates.${name}` }),
        control({ name: `${name}.text`, label: "Text", type: "textarea", value: t.text }));
    });
    panel.append(form("Messages on status changes", controls, "Save messages", async (data) => {
      const templates = {};
      for (const name of names) {
        templates[name] = { enabled: data[`${name}.enabled`], subject: data[`${name}.subject`], text: data[`${name}.text`] };
      }
      await api("PUT", "/api/settings/messages", { templates });
      toast("Messages saved.");
      await refresh();
    }));
  } else {
    panel.append(h("p", { class: "muted", text: `On: ${names.filter((n) => settings.templates[n].enabled).join(", ") || "none"}.` }));
  }
  panel.append(table("Recent messages", ["Message", "To", "Status", ""], sent.map((m) => {
    const cell = h("td");
    if (admin && m.status === "failed") {
      const again = button("Send again", () => act(again, () => api("POST", `/api/messages/${m.id}/retry`),
        { done: "Queued again.", refresh }), "quiet", { "aria-label": `Send message ${m.id} again` });
      cell.append(again);
    }
    return h("tr", {}, h("td", { text: `${m.template.replaceAll("_", " ")} (${m.channel})` }), h("td", { text: m.recipient }),
      h("td", { title: m.last_error || "" }, h("span", { class: "chip", text: m.status }),
        m.last_error ? h("span", { class: "muted", text: ` ${m.last_error}` }) : null), cell);
  }), "No messages sent yet."));
  return panel;
}

/** What invoices, packing slips and the page header say about the shop; the logo is uploaded on its own. */
function brandingPanel(branding, admin, refresh) {
  const panel = h("section", { class: "panel", "aria-labelledby": "st-brand" }, h("h2", { id: "st-brand", text: "Branding" }));
  const logo = branding.has_logo
    ? h("img", { src: `/api/settings/branding/logo?v=${Date.now()}`, alt: `${branding.business_name} logo`, class: "logo-preview" })
    : h("p", { class: "muted", text: "No logo yet." });
  if (!admin) {
    panel.append(logo, h("dl", { class: "kv" }, [["Business name", branding.business_name],
      ["Address", branding.address_lines.join(", ")], ["Currency", branding.currency], ["Footer", branding.footer || "—"]]
      .map(([label, value]) => [h("dt", { text: label }), h("dd", { text: value })])));
    return panel;
  }
  panel.append(form("Letterhead", [
    control({ name: "business_name", label: "Business name", required: true, value: branding.business_name }),
    control({ name: "address_lines", label: "Address (one line each)", type: "textarea", value: branding.address_lines.join("\n") }),
    h("div", { class: "grid2" },
      control({ name: "accent_colour", label: "Accent colour", type: "color", value: branding.accent_colour }),
      control({ name: "locale", label: "Locale (money and dates)", value: branding.locale })),
    control({ name: "footer", label: "Footer on every page", value: branding.footer || "" }),
    h("p", { class: "muted", text: `Currency: ${branding.currency} (set in the config file, as every price was entered in it).` })],
  "Save branding", async (data) => {
    const lines = (data.address_lines || "").split("\n").map((line) => line.trim()).filter(Boolean);
    await api("PUT", "/api/settings/branding", { business_name: data.business_name, address_lines: lines,
      accent_colour: data.accent_colour, locale: data.locale, footer: data.footer || null });
    toast("Branding saved.");
    await refresh();
  }));
  const picker = control({ name: "file", label: "Logo (PNG or JPEG, up to 1 MB)", type: "file", attrs: { accept: "image/png,image/jpeg" } });
  const remove = branding.has_logo ? button("Remove logo", () => act(remove,
    () => api("DELETE", "/api/settings/branding/logo"), { done: "Logo removed.", refresh }), "quiet") : null;
  panel.append(logo, form("Logo", [picker], "Upload logo", async (_data, formEl) => {
    const file = formEl.querySelector("input[type=file]").files[0];
    if (!file) throw Object.assign(new Error("choose a PNG or JPEG file first"), { field: "file" });
    const body = new FormData();
    body.append("file", file, file.name);
    await api("PUT", "/api/settings/branding/logo", body);
    toast("Logo uploaded.");
    await refresh();
  }, remove));
  return panel;
}
