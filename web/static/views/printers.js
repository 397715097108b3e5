// Printers: add, edit and remove (a connection form per driver), load filament, pause / resume / cancel,
// plate cleared, and each printer's recent jobs.
import { act, api, button, canWrite, control, form, h, isAdmin, items, swatch, title, toast, values } from "./lib.js";

const DRIVERS = [["prusalink", "PrusaLink"], ["moonraker", "Klipper (Moonraker)"], ["octoprint", "OctoPrint"],
  ["bambu", "Bambu Lab (LAN)"], ["marlin", "Marlin over USB"]];
const CONNECTION = {
  marlin: [["port", "Serial port", "/dev/ttyUSB0"], ["baud", "Baud rate", "115200"]],
  bambu: [["host", "Address", ""], ["serial", "Serial number", ""], ["access_code", "LAN access code", ""]],
  moonraker: [["url", "URL", "http://"], ["api_key", "API key (if any)", ""]],
  octoprint: [["url", "URL", "http://"], ["api_key", "API key", ""]],
  prusalink: [["url", "URL", "http://"], ["api_key", "API key", ""], ["username", "User (digest)", ""],
    ["password", "Password (digest)", ""]],
};

export async function mount(el, args) {
  if (args[0] === "new") return editor(el, null);
  if (args[0] && args[1] === "edit") return editor(el, await api("GET", `/api/printers/${args[0]}`));
  return printerList(el);
}

async function printerList(el) {
  title("Printers");
  const refresh = async () => { el.replaceChildren(); await printerList(el); };
  const [printers, jobs] = await Promise.all([api("GET", "/api/printers"), api("GET", "/api/jobs?limit=100")]);
  if (isAdmin()) el.append(h("div", { class: "toolbar" }, h("a", { href: "#/printers/new", class: "button primary" }, "Add printer")));
  const cards = h("div", { class: "cards" });
  for (const p of items(printers)) {
    const status = p.status || {};
    const state = status.state || "offline";
    const mine = items(jobs).filter((j) => j.printer_id === p.id).slice(0, 5);
    const current = mine.find((j) => ["dispatched", "printing", "paused"].includes(j.status));
    const actions = h("div", { class: "actions" });
    if (canWrite()) {
      if (!p.plate_clear) {
        const clear = button("Plate cleared", () => act(clear, () => api("POST", `/api/printers/${p.id}/plate-cleared`),
          { done: `${p.name}: plate cleared.`, refresh }), "primary", { "aria-label": `Plate cleared on ${p.name}` });
        actions.append(clear);
      }
      if (state === "printing") {
        const pause = button("Pause", () => act(pause, () => api("POST", `/api/printers/${p.id}/pause`), { done: "Paused.", refresh }),
          null, { "aria-label": `Pause ${p.name}` });
        actions.append(pause);
      }
      if (state === "paused") {
        const resume = button("Resume", () => act(resume, () => api("POST", `/api/printers/${p.id}/resume`), { done: "Resumed.", refresh }),
          null, { "aria-label": `Resume ${p.name}` });
        actions.append(resume);
      }
      if (current) {
        const cancel = button("Cancel job", () => {
          if (!window.confirm(`Cancel job #${current.id} on ${p.name}? The printer stops.`)) return;
          act(cancel, () => api("POST", `/api/jobs/${current.id}/cancel`), { done: "Job cancelled.", refresh });
        }, "danger", { "aria-label": `Cancel the job on ${p.name}` });
        actions.append(cancel);
      }
    }
    if (isAdmin()) {
      actions.append(h("a", { href: `#/printers/${p.id}/edit`, class: "button", "aria-label": `Edit ${p.name}` }, "Edit"));
      const remove = button("Remove", () => {
        if (!window.confirm(`Remove ${p.name}? Its history stays.`)) return;
        act(remove, () => api("DELETE", `/api/printers/${p.id}`), { done: `${p.name} removed.`, refresh });
      }, "quiet", { "aria-label": `Remove ${p.name}` });
      actions.append(remove);
    }
    cards.append(h("article", { class: `card s-${state}`, "aria-label": p.name },
      h("header", {}, h("h3", { text: p.name }), h("span", { class: "badge", text: state })),
      h("p", { class: "model", text: `${p.model} · ${p.driver}${p.source === "config" ? " · from the config file" : ""}` }),
      h("div", { class: "swatches" }, (p.loaded || []).map((f) => swatch(f.colour, `${f.material} ${f.colour || ""}`))),
      p.plate_clear ? null : h("p", { class: "warn", text: "Waiting for the plate to be cleared" }),
      mine.length ? h("ul", { class: "list small" }, mine.map((j) => h("li", {},
        `#${j.id} ${j.model_name || ""} · ${j.status}`))) : h("p", { class: "muted", text: "No recent jobs." }),
      actions));
  }
  el.append(cards);
  if (canWrite() && items(printers).length) el.append(filamentForm(items(printers), refresh));
}

function filamentForm(printers, refresh) {
  return form("Load filament", [h("div", { class: "grid2" },
    control({ name: "printer", label: "Printer", options: printers.map((p) => [p.id, p.name]) }),
    control({ name: "material", field: "filaments[0].material", label: "Material", value: "PLA", required: true }),
    control({ name: "colour", field: "filaments[0].colour", label: "Colour", type: "color", value: "#ffffff" }),
    control({ name: "slot", field: "filaments[0].slot", label: "Slot", value: "0" }))],
  "Load", async (data) => {
    await api("PUT", `/api/printers/${data.printer}/filament`, { filaments: [
      { slot: data.slot || "0", material: data.material, colour: data.colour.toUpperCase() }] });
    toast("Filament recorded.");
    await refresh();
  });
}

function connectionControls(driver, connection) {
  return CONNECTION[driver].map(([name, label, placeholder]) => control({
    name: `connection.${name}`, label, value: connection ? connection[name] : null,
    type: name === "password" || name === "access_code" ? "password" : name === "baud" ? "number" : "text",
    attrs: { placeholder: placeholder || null, autocomplete: "off" } }));
}

function editor(el, printer) {
  title(printer ? `Edit ${printer.name}` : "Add printer");
  if (!isAdmin()) { el.append(h("p", { text: "Adding and changing printers needs the admin role." })); return; }
  const connectionBox = h("fieldset", {}, h("legend", { text: "Connection" }));
  const fillConnection = (driver) => connectionBox.replaceChildren(h("legend", { text: "Connection" }),
    ...connectionControls(driver, printer && printer.driver === driver ? printer.connection : null));
  const driverControl = control({ name: "driver", label: "Kind of printer", options: DRIVERS, value: printer ? printer.driver : "prusalink" });
  driverControl.querySelector("select").addEventListener("change", (event) => fillConnection(event.target.value));
  fillConnection(printer ? printer.driver : "prusalink");
  const found = h("p", { id: "probe-result", role: "status", "aria-live": "polite" });
  const readConnection = (data) => {
    const connection = {};
    for (const [key, value] of Object.entries(data)) {
      if (key.startsWith("connection.") && value !== "") connection[key.slice(11)] = value;
    }
    return connection;
  };
  const probe = button("Test connection", async () => {
    const data = values(probe.closest("form"));
    found.textContent = "Trying the printer…";
    await act(probe, async () => {
      const answer = await api("POST", "/api/printers/test-connection", { driver: data.driver, connection: readConnection(data) });
      found.textContent = answer.reachable
        ? `Found it: ${answer.state}${answer.firmware ? `, firmware ${answer.firmware}` : ""}${answer.filaments.length
          ? `, filament ${answer.filaments.map((f) => `${f.material} ${f.colour || ""}`.trim()).join(", ")}` : ""}.`
        : `No answer: ${answer.message || "the printer did not respond"}.`;
    });
    if (found.textContent === "Trying the printer…") found.textContent = "";
  });
  el.append(h("p", {}, h("a", { href: "#/printers" }, "← Printers")),
    form(printer ? "Edit printer" : "Add printer", [
      h("div", { class: "grid2" }, control({ name: "name", label: "Name", required: true, value: printer && printer.name }),
        control({ name: "model", label: "Model", value: printer ? printer.model : "" }), driverControl,
        control({ name: "auto_clear", label: "Clears its own plate (belt or ejector)", type: "checkbox", value: printer && printer.auto_clear })),
      connectionBox, h("div", { class: "row" }, probe), found,
    ], printer ? "Save printer" : "Add printer", async (data) => {
      const connection = readConnection(data);
      const body = { name: data.name, driver: data.driver, model: data.model || "generic", auto_clear: data.auto_clear, connection };
      if (printer) {
        body.tags = printer.tags;
        await api("PUT", `/api/printers/${printer.id}`, body);
      } else {
        await api("POST", "/api/printers", body);
      }
      toast(`${data.name} saved; connecting…`);
      location.hash = "#/printers";
    }));
}
