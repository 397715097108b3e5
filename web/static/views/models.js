// Models: upload a sliced file (drag and drop or the file picker, with a progress bar for a large .3mf), see what
// was read from it (print time, grams per filament with colour swatches, plates, objects) and which products use it.
import { api, canWrite, csrfToken, h, items, pager, swatch, table, title, toast } from "./lib.js";

export async function mount(el, args) {
  if (args[0]) return modelPage(el, Number(args[0]));
  return modelList(el);
}

function hours(seconds) {
  if (!seconds) return "—";
  const h_ = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return h_ ? `${h_} h ${m} min` : `${m} min`;
}

/** XMLHttpRequest, not fetch: only it reports upload progress. */
function upload(file, progress) {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    body.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/models");
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => { if (event.lengthComputable) progress.value = event.loaded / event.total; };
    xhr.onload = () => {
      let payload = null;
      try { payload = JSON.parse(xhr.responseText); } catch (e) { payload = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload);
      else reject(new Error((payload && payload.error && payload.error.message) || `upload failed (${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error("the upload did not reach the farm"));
    xhr.send(body);
  });
}

async function modelList(el) {
  title("Models");
  if (canWrite()) {
    const progress = h("progress", { max: 1, value: 0, "aria-label": "Upload progress", hidden: true });
    const message = h("p", { role: "status", class: "muted" });
    const picker = h("input", { type: "file", id: "model-file", accept: ".gcode,.3mf,.gcode.3mf", multiple: true });
    const drop = h("div", { class: "drop" },
      h("label", { for: "model-file" }, "Upload sliced files (.gcode, .gcode.3mf, .3mf): drop them here or choose"),
      picker, progress, message);
    const send = async (files) => {
      for (const file of files) {
        progress.hidden = false;
        progress.value = 0;
        message.textContent = `Uploading ${file.name}…`;
        try {
          const model = await upload(file, progress);
          message.textContent = `${model.name} uploaded.`;
          toast(`${model.name} uploaded.`);
        } catch (error) {
          message.textContent = `${file.name}: ${error.message}`;
          toast(error.message, true);
        }
      }
      progress.hidden = true;
      await renderList();
    };
    picker.addEventListener("change", () => send([...picker.files]));
    drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("over");
      send([...event.dataTransfer.files]);
    });
    el.append(drop);
  }
  const search = h("input", { type: "search", id: "model-q", placeholder: "Name or file name" });
  const toolbar = h("form", { class: "toolbar", role: "search", "aria-label": "Find models" },
    h("label", { for: "model-q" }, "Search", search), h("button", { type: "submit" }, "Find"));
  const list = h("div", { id: "model-list" });
  el.append(toolbar, list);
  const pages = pager(list, (cursor) => {
    const query = new URLSearchParams({ limit: 50 });
    if (search.value.trim()) query.set("q", search.value.trim());
    if (cursor) query.set("cursor", cursor);
    return api("GET", `/api/models?${query}`);
  }, (models) => table("Models", ["Model", "Print time", "Filament"], models.map((m) => h("tr", {},
    h("td", {}, h("a", { href: `#/models/${m.id}` }, m.name), h("br"), h("span", { class: "muted", text: m.filename })),
    h("td", { text: hours(m.print_time_s) }),
    h("td", {}, h("span", { class: "swatches" }, (m.metadata.filaments || []).filter((f) => f.grams)
      .map((f) => swatch(f.colour, `${f.material} ${f.colour || ""} ${f.grams} g`)))))), "No models match."));
  const renderList = () => pages.reset();
  toolbar.addEventListener("submit", (event) => { event.preventDefault(); renderList(); });
  await pages.show();
}

async function modelPage(el, id) {
  const [model, products] = await Promise.all([api("GET", `/api/models/${id}`),
    api("GET", `/api/products?model_id=${id}&limit=500`)]);
  title(model.name);
  const meta = model.metadata;
  const using = items(products);
  el.append(h("p", {}, h("a", { href: "#/models" }, "← Models")),
    h("section", { class: "panel", "aria-labelledby": "m-head" }, h("h2", { id: "m-head", text: model.name }),
      h("dl", { class: "kv" },
        h("dt", { text: "File" }), h("dd", { text: model.filename }),
        h("dt", { text: "Print time" }), h("dd", { text: hours(model.print_time_s) }),
        h("dt", { text: "Plates" }), h("dd", { text: String(model.plates) }),
        h("dt", { text: "Objects per plate" }), h("dd", { text: String(model.objects_per_plate ?? "—") }),
        h("dt", { text: "Printer" }), h("dd", { text: meta.printer_model || "any" })),
      meta.known ? null : h("p", { class: "warn", text: "No slicer metadata could be read from this file." })),
    h("section", { class: "panel", "aria-labelledby": "m-fil" }, h("h2", { id: "m-fil", text: "Filament" }),
      table("Filament per print", ["Colour", "Material", "Grams"], (meta.filaments || []).map((f) => h("tr", {},
        h("td", {}, swatch(f.colour, f.colour || "any colour"), " ", f.colour || ""), h("td", { text: f.material }),
        h("td", { class: "num", text: f.grams === null ? "—" : String(f.grams) }))))),
    h("section", { class: "panel", "aria-labelledby": "m-prod" }, h("h2", { id: "m-prod", text: "Products using it" }),
      using.length ? h("ul", { class: "list" }, using.map((p) => h("li", {}, h("a", { href: `#/products/${p.id}` }, p.name))))
        : h("p", { class: "muted", text: "No product uses this model yet." })));
}
