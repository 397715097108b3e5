// Reports: profitability per product, set or channel over a period, with the server-drawn chart and a CSV download;
// production efficiency (output, waste, consumption) per printer, product or material, with bars and a CSV download.
import { api, control, form, h, money, percent, table, title } from "./lib.js";

export async function mount(el) {
  title("Reports");
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 30 * 864e5).toISOString().slice(0, 10);
  const out = h("div", { id: "report-out" });
  const show = async (data) => {
    const query = new URLSearchParams({ group: data.group || "product", from: data.from || monthAgo, to: data.to || today });
    const report = await api("GET", `/api/reports/profitability?${query}`);
    out.replaceChildren(
      h("img", { class: "chart", src: `/api/reports/profitability.svg?${query}`,
                 alt: `Revenue, costs and profit per ${report.group} from ${report.from} to ${report.to}` }),
      h("p", {}, h("a", { href: `/api/reports/profitability.csv?${query}`, download: "" }, "Download CSV")),
      table("Profitability", ["Name", "Orders", "Revenue", "COGS", "Fees", "Profit", "Margin"], report.rows.map((r) => h("tr", {},
        h("td", { text: r.name }), h("td", { class: "num", text: String(r.orders) }),
        h("td", { class: "num", text: money(r.revenue) }), h("td", { class: "num", text: money(r.cogs) }),
        h("td", { class: "num", text: money(r.fees) }), h("td", { class: "num", text: money(r.profit) }),
        h("td", { class: "num", text: percent(r.margin_percent) }))), "No orders in this period."));
  };
  el.append(form("Profitability", [h("div", { class: "grid2" },
    control({ name: "group", label: "Per", options: [["product", "Product"], ["set", "Set"], ["channel", "Sales channel"]] }),
    control({ name: "from", label: "From", type: "date", value: monthAgo }),
    control({ name: "to", label: "To", type: "date", value: today }))], "Show report", show), out);
  await show({});
  const made = h("div", { id: "production-out" });
  const efficiency = async (data) => {
    const query = new URLSearchParams({ by: data.by || "printer", since: data.since || monthAgo, until: data.until || today });
    const report = await api("GET", `/api/production/metrics?${query}`);
    made.replaceChildren(
      h("p", {}, h("a", { href: `/api/production/metrics.csv?${query}`, download: "" }, "Download production CSV")),
      table("Production efficiency", ["Name", "Good / tried", "Output", "Waste", "Consumption", "Utilisation",
        "Plate wait h", "Filament wait h", "MTBF h"],
        [...report.groups, { key: "All", ...report.total }].map((g) => h("tr", {},
          h("td", { text: g.key }), h("td", { class: "num", text: `${g.units_good} / ${g.units_attempted}` }),
          h("td", {}, bar(g.output_percent, `Output of ${g.key}`)), h("td", {}, bar(g.waste_percent, `Waste of ${g.key}`)),
          h("td", { class: "num", text: percent(g.consumption_percent) }),
          h("td", {}, bar(g.utilisation_percent, `Utilisation of ${g.key}`)),
          h("td", { class: "num", text: g.plate_wait_hours }), h("td", { class: "num", text: g.filament_wait_hours }),
          h("td", { class: "num", text: g.mtbf_hours ?? "–" }))), "Nothing printed in this period."));
  };
  el.append(form("Production", [h("div", { class: "grid2" },
    control({ name: "by", label: "Per", options: [["printer", "Printer"], ["product", "Product"], ["material", "Material"]] }),
    control({ name: "since", label: "From", type: "date", value: monthAgo }),
    control({ name: "until", label: "To", type: "date", value: today }))], "Show production", efficiency), made);
  await efficiency({});
}

/** A percentage as a labelled bar and its figure, so the chart reads the same to a screen reader. */
function bar(value, label) {
  const width = value === null || value === undefined ? 0 : Math.min(Number(value), 100);
  return h("span", { class: "bar-cell" },
    h("meter", { min: 0, max: 100, value: width, "aria-label": label }), ` ${percent(value)}`);
}
