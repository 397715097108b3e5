// Batches: make N sets of a product (expanded to parts, packed onto plates, queued) and follow their progress.
import { api, canWrite, control, form, h, items, pager, table, title, toast } from "./lib.js";

export async function mount(el) {
  title("Batches");
  const refresh = async () => { el.replaceChildren(); await mount(el); };
  const products = await api("GET", "/api/products?limit=500");
  await pager(el, (cursor) => api("GET", `/api/batches?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
    (batches) => table("Batches", ["Batch", "Product", "Progress"], batches.map((b) => h("tr", {},
    h("td", { text: `#${b.id}` }), h("td", { text: `${b.sets} × ${b.product_name}` }),
    h("td", {}, h("progress", { max: 100, value: b.progress.percent, "aria-label": `Batch ${b.id} progress` }),
      ` ${b.progress.sets_done}/${b.sets} sets, ${b.progress.parts_done}/${b.progress.parts} parts`))),
    "No batches yet.")).show();
  if (canWrite()) {
    el.append(form("New batch", [h("div", { class: "grid2" },
      control({ name: "product_id", label: "Product or set", options: items(products).filter((p) => !p.archived)
        .map((p) => [p.id, `${p.sku} · ${p.name}`]) }),
      control({ name: "sets", label: "How many", type: "number", value: 1, attrs: { min: 1 } }))],
    "Queue batch", async (data) => {
      await api("POST", "/api/batches", { product_id: Number(data.product_id), sets: data.sets });
      toast("Batch queued.");
      await refresh();
    }));
  }
}
