// Users and tokens: people who log in and their roles (admin), and your own API tokens for scripts.
import { act, api, button, control, date, form, h, isAdmin, items, table, title, toast } from "./lib.js";

const ROLES = [["viewer", "Viewer (reads)"], ["operator", "Operator (runs the farm)"], ["admin", "Admin (everything)"]];

export async function mount(el) {
  title("Users and tokens");
  const refresh = async () => { el.replaceChildren(); await mount(el); };
  if (isAdmin()) {
    const users = items(await api("GET", "/api/users"));
    el.append(h("section", { class: "panel", "aria-labelledby": "u-users" }, h("h2", { id: "u-users", text: "Users" }),
      table("Users", ["Name", "Role", ""], users.map((u) => {
        const remove = button("Remove", () => {
          if (!window.confirm(`Remove ${u.name}? Their sessions and tokens end.`)) return;
          act(remove, () => api("DELETE", `/api/users/${u.id}`), { done: `${u.name} removed.`, refresh });
        }, "quiet", { "aria-label": `Remove ${u.name}` });
        return h("tr", {}, h("td", { text: u.name }), h("td", { text: u.role }), h("td", {}, remove));
      })),
      form("Add a user", [h("div", { class: "grid2" },
        control({ name: "name", label: "Name", required: true, attrs: { autocomplete: "off" } }),
        control({ name: "role", label: "Role", options: ROLES }),
        control({ name: "password", label: "Password (8 or more characters)", type: "password", required: true,
                  attrs: { autocomplete: "new-password" } }))],
      "Add user", async (data) => {
        await api("POST", "/api/users", data);
        toast(`${data.name} added.`);
        await refresh();
      })));
  }
  const tokens = items(await api("GET", "/api/me/tokens"));
  const secret = h("p", { role: "status", id: "token-secret" });
  el.append(h("section", { class: "panel", "aria-labelledby": "u-tok" }, h("h2", { id: "u-tok", text: "Your API tokens" }),
    table("Your API tokens", ["Name", "Role", "Made", ""], tokens.map((t) => {
      const revoke = t.revoked_at ? h("span", { class: "muted", text: "revoked" }) : button("Revoke", () => act(revoke,
        () => api("DELETE", `/api/me/tokens/${t.id}`), { done: "Token revoked.", refresh }), "quiet", { "aria-label": `Revoke ${t.name}` });
      return h("tr", {}, h("td", { text: t.name }), h("td", { text: t.role }), h("td", { text: date(t.created_at) }), h("td", {}, revoke));
    }), "No tokens yet."),
    form("New token", [control({ name: "name", label: "What it is for", required: true })], "Create token", async (data) => {
      const made = await api("POST", "/api/me/tokens", data);
      secret.replaceChildren("Copy it now; it is shown only once: ", h("code", { text: made.token }));
      toast("Token created.");
    }, secret)));
}
