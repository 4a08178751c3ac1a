// The control room's dashboard: renders the live view the server pushes over server-sent events
// and posts actions with the session's CSRF token. Plain DOM, no libraries, no build step.
"use strict";

let session = { name: "", role: "viewer", csrf: null };
let latest = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function table(headers, rows, attrs) {
  return el("table", attrs || {},
    el("thead", {}, el("tr", {}, headers.map(h => el("th", { text: h })))),
    el("tbody", {}, rows.map(r => el("tr", {}, r.map(c => el("td", {}, c === null || c === undefined ? "" : c))))));
}

function replace(id, ...children) {
  const node = document.getElementById(id);
  node.replaceChildren(...children.flat());
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return "unknown";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
}

function slug(text) {
  return String(text).toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

async function post(path, body) {
  const headers = { "Content-Type": "application/json" };
  if (session.csrf) headers["X-CSRF-Token"] = session.csrf;
  const res = await fetch(path, { method: "POST", headers, body: JSON.stringify(body || {}), credentials: "same-origin" });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${res.status} ${data.error || ""}: ${data.message || res.statusText}`);
  return data;
}

function say(text, bad) {
  const node = document.getElementById("action-result");
  node.textContent = text;
  node.className = bad ? "error" : "";
}

async function act(path, body, done) {
  try {
    const result = await post(path, body);
    say(done(result));
  } catch (e) {
    say(e.message, true);
  }
}

function actionButton(label, attrs, onclick) {
  const canAct = session.role === "operator";
  return el("button", Object.assign({}, attrs, {
    disabled: !canAct,
    title: canAct ? null : "only an operator may do this",
    onclick: canAct ? onclick : null,
  }), label);
}

function approveButton(stepId) {
  return actionButton("Approve", { class: "approve", "data-step": stepId },
    () => act("/api/approve", { step: stepId }, r => `${r.stepId} approved by ${r.approvedBy}`));
}

function renderSummary(view) {
  const s = view.status;
  if (!s) {
    replace("summary", el("span", { id: "state", class: "state", text: "no run" }), " ", view.error || "");
    replace("blocker");
    return;
  }
  replace("summary",
    el("div", {}, "Run ", el("code", { id: "run-id", text: s.runId }), " · state ",
      el("span", { id: "state", class: "state", text: s.state }), " · this server: ",
      el("span", { id: "runner", text: view.runner }), view.lastOutcome ? ` (last: ${view.lastOutcome})` : ""),
    el("div", {}, "Users moved ", el("span", { id: "users-moved", text: s.usersMoved }), " of ",
      el("span", { id: "users-planned", text: s.usersPlanned }), " · objects ", `${s.objectsMoved} of ${s.objectsPlanned}`,
      " · steps ", el("span", { id: "steps-done", text: s.stepsDone }), ` of ${s.stepsTotal}`,
      " · rate ", s.movesPerSecond ? `${s.movesPerSecond.toFixed(1)} moves/s` : "unknown",
      " · ETA ", el("span", { id: "eta", text: duration(s.etaSeconds) })),
    el("div", { class: "muted" }, `next step: ${s.nextStep || "none"} · as of ${view.asOf}`));
  const b = s.blocker;
  if (!b) {
    replace("blocker");
  } else if (b.kind === "approval") {
    replace("blocker", el("div", { class: "blocker", id: "awaiting" },
      el("strong", { text: `Awaiting approval: ${b.title}` }), el("div", { class: "muted", text: b.stepId }),
      b.details.map(d => el("div", { text: d })), approveButton(b.stepId)));
  } else {
    replace("blocker", el("div", { class: "blocker failed", id: "failure" },
      el("strong", { text: `${b.kind === "gate" ? "Gate failed" : "Step failed"}: ${b.title}` }),
      el("div", { class: "muted", text: b.stepId }),
      b.details.slice(0, 20).map(d => el("div", { text: d }))));
  }
}

// An error budget that ran out: which pool or site, its figures, and the failed moves it counted.
function renderBudgetHold(view) {
  const h = view.status ? view.status.budgetHold : null;
  if (!h) return replace("budget-hold");
  replace("budget-hold", el("div", { class: "blocker failed", id: "budget" },
    el("strong", { text: `Held: error budget of ${h.budget} ${h.scope}` }),
    el("div", { id: "budget-figures", text: `${h.failed} of the last ${h.considered} moves failed · ${h.reason}` }),
    el("div", { class: "muted", text: `at ${h.stepId} since ${h.heldAt}; review, then Resume` }),
    h.failures.slice(0, 10).map(f => el("div", { text: f })),
    h.failures.length > 10 ? el("div", { class: "muted", text: `… and ${h.failures.length - 10} more` }) : ""));
}

function renderSites(view) {
  const s = view.status;
  if (!s) return replace("sites");
  const phasesByPool = {};
  for (const p of s.phases) {
    if (!p.pool) continue;
    (phasesByPool[p.pool.toLowerCase()] ||= []).push(`${p.phase}: ${p.state}`);
  }
  const sites = [...new Set(s.pools.map(p => p.site))];
  replace("sites", sites.map(site => el("div", { class: "site", "data-site": site },
    el("h3", { text: site }),
    table(["pool", "role", "version", "state", "users homed", "objects", "phases"],
      s.pools.filter(p => p.site === site).map(p => [p.fqdn, p.role, p.version, p.state, String(p.users), String(p.objects),
        (phasesByPool[p.fqdn.toLowerCase()] || []).join(" · ")])))));
}

function renderWaves(view) {
  const s = view.status;
  if (!s) return replace("wave-list");
  const rows = s.phases.filter(p => p.itemsTotal > 0).map(p => {
    const pct = Math.round(100 * p.itemsDone / p.itemsTotal);
    const bar = el("span", { class: "bar" }, el("span"));
    bar.firstChild.style.width = pct + "%";
    return [p.site, p.pool || "(site)", p.phase, el("span", {}, bar, ` ${p.itemsDone} / ${p.itemsTotal}`), p.state];
  });
  replace("wave-list", el("p", {}, `Remaining moves at the observed rate: ETA `, el("strong", { text: duration(s.etaSeconds) })),
    table(["site", "pool", "phase", "progress", "state"], rows, { id: "wave-table" }));
}

function renderTimeline(view) {
  const bars = view.timeline;
  if (!bars.length) return replace("timeline-chart", el("p", { class: "muted", text: "nothing has run yet" }));
  const t0 = Math.min(...bars.map(b => Date.parse(b.start)));
  const now = Date.parse(view.asOf);
  const t1 = Math.max(now, ...bars.map(b => Date.parse(b.end || view.asOf)));
  const span = Math.max(1, t1 - t0);
  const pools = [...new Set(bars.map(b => `${b.site} · ${b.pool || "site-wide"}`))];
  replace("timeline-chart", pools.map(pool => el("div", { class: "pool-timeline" },
    el("div", { class: "muted", text: pool }),
    bars.filter(b => `${b.site} · ${b.pool || "site-wide"}` === pool).map(b => {
      const start = Date.parse(b.start), end = Date.parse(b.end || view.asOf);
      const seg = el("span", { class: slug(b.state), title: `${b.phase}: ${b.start} → ${b.end || "running"}` });
      seg.style.left = (100 * (start - t0) / span) + "%";
      seg.style.width = (100 * (end - start) / span) + "%";
      return el("div", {}, el("div", { class: "tline" }, seg), ` ${b.phase} (${b.state})`);
    }))));
}

function renderMatrix(view) {
  const cells = view.coexistence;
  if (!cells.length) return replace("matrix-grid", el("p", { class: "muted", text: "no coexistence checks in this plan" }));
  const modalities = [...new Set(cells.map(c => c.modality))];
  const groups = [...new Set(cells.map(c => `${c.site}|${c.pool}|${c.phase}`))];
  replace("matrix-grid", groups.map(g => {
    const [site, pool, phase] = g.split("|");
    const mine = cells.filter(c => `${c.site}|${c.pool}|${c.phase}` === g);
    const rows = [...new Set(mine.map(c => `${c.direction}|${c.from}|${c.to}`))];
    return el("div", { class: "matrix", "data-pool": pool },
      el("h3", { text: `${site} · ${pool} (${phase === "Coexistence" ? "coexistence" : "pilot validation"})` }),
      table(["direction", ...modalities], rows.map(r => {
        const [direction, from, to] = r.split("|");
        return [el("span", { title: `${from} → ${to}`, text: direction }), ...modalities.map(m => {
          const c = mine.find(x => `${x.direction}|${x.from}|${x.to}` === r && x.modality === m);
          return c ? el("div", { class: `cell ${c.state}`, title: c.error || `${m}: ${c.state}`, "data-modality": m, "data-direction": direction }) : "";
        })];
      })));
  }));
}

function renderGates(view) {
  replace("gate-list", view.gates.map(g => el("div", { class: "gate", "data-step": g.stepId },
    el("div", {}, el("span", { class: `tag ${slug(g.state)}`, text: g.state }), ` ${g.name} `, el("code", { text: g.stepId }),
      g.needsApproval ? el("span", { class: "muted", text: g.approvedBy ? ` approved by ${g.approvedBy} at ${g.at}` : " needs approval" }) : "",
      g.state === "awaiting approval" ? approveButton(g.stepId) : ""),
    g.results.length ? el("details", {}, el("summary", { text: `${g.results.length} checks, evidence` }),
      g.results.map(r => el("div", { class: "check" },
        el("strong", { class: r.passed ? "" : "error", text: `${r.passed ? "✔" : "✘"} ${r.check}` }), ` (${r.probes} probes)`,
        r.failures.slice(0, 10).map(f => el("div", { class: "error", text: f })),
        r.evidence.slice(0, 10).map(e => el("div", { class: "muted", text: e }))))) : "")));
}

function renderRetained(view) {
  const r = view.status ? view.status.retained : [];
  replace("retained-list", r.length ? table(["user", "stays on", "reason"], r.map(u => [u.sipAddress, u.pool, u.reason]), { id: "retained-table" })
    : el("p", { class: "muted", text: "no retained users" }));
}

function renderInstances(view) {
  const r = view.status && view.status.instances ? view.status.instances : [];
  replace("instance-list", r.length ? table(["host", "process", "actor", "sites", "last heartbeat", "state", "units held"],
    r.map(i => [i.host, String(i.pid), i.actor, i.sites.length ? i.sites.join(", ") : "(all)", i.lastHeartbeat, i.state, i.units.join(" ") || "-"]),
    { id: "instance-table" })
    : el("p", { class: "muted", text: "one process runs the run (no shared instances)" }));
}

// Per site with change windows: open now or not, the next opening (or closing) in the site's zone, and why it holds.
function renderWindows(view) {
  const r = view.status && view.status.windows ? view.status.windows : [];
  replace("window-list", r.length ? table(["site", "window", "next", "zone", "holds"],
    r.map(w => [w.site, w.open ? "open" : "closed", w.next ? (w.open ? "closes " : "opens ") + w.next : "none within a year", w.zone, w.held || "-"]),
    { id: "window-table" })
    : el("p", { class: "muted", text: "no change windows: every site is always open" }));
}

function renderRollbackTargets(view) {
  const select = document.getElementById("rollback-to");
  const chosen = select.value;
  const options = [el("option", { value: "", text: "(the whole run)" }), ...view.rollbackTargets.map(id => el("option", { value: id, text: id }))];
  select.replaceChildren(...options);
  if ([...select.options].some(o => o.value === chosen)) select.value = chosen;
}

function renderAudit(view) {
  replace("audit-list", table(["at", "who", "via", "action", "target", "result", "detail"],
    view.audit.map(a => [a.at, a.actor, a.channel, a.action, a.target, a.result, a.detail]), { id: "audit-table" }));
}

// The shell sessions live in their own file, not in the view: asked for with each view.
async function renderShellSessions() {
  const res = await fetch("/api/shell-sessions", { credentials: "same-origin" });
  if (!res.ok) return;
  const sessions = await res.json();
  replace("shell-session-list", sessions.length
    ? table(["session", "state", "pid", "scripts", "replaced", "pools", "last problem"],
      sessions.map(h => [h.name, h.state, h.pid || "", h.scripts, h.replaced, h.pools.length ? h.pools.join(", ") : "any", h.lastProblem]),
      { id: "shell-session-table" })
    : el("p", { class: "muted", text: "no run through the shell" }));
}

function render(view) {
  latest = view;
  renderSummary(view);
  renderBudgetHold(view);
  renderSites(view);
  renderWaves(view);
  renderTimeline(view);
  renderMatrix(view);
  renderGates(view);
  renderRetained(view);
  renderInstances(view);
  renderWindows(view);
  renderRollbackTargets(view);
  renderAudit(view);
  renderShellSessions();
}

async function previewRollback() {
  const to = document.getElementById("rollback-to").value;
  const confirmButton = document.getElementById("rollback-confirm");
  confirmButton.hidden = true;
  const res = await fetch(`/api/rollback/preview?to=${encodeURIComponent(to)}`, { credentials: "same-origin" });
  const impact = await res.json();
  if (!res.ok) return replace("rollback-impact", el("p", { class: "error", text: impact.message }));
  if (!impact.steps.length) return replace("rollback-impact", el("p", { text: "nothing to roll back" }));
  replace("rollback-impact", el("div", { id: "impact" },
    el("p", {}, `Undoes ${impact.steps.length} steps: `, el("strong", { id: "impact-users", text: impact.users }), " users and ",
      el("strong", { text: impact.objects }), " objects go back."),
    el("p", { text: `Meetings that will not work after moving back: ${impact.meetingsAtRisk.length}` }),
    impact.meetingsAtRisk.slice(0, 20).map(m => el("div", { class: "muted", text: m })),
    el("p", { text: `Clients to downgrade: ${impact.upgradedClients.length}` }),
    impact.routes.map(r => el("div", { text: r })),
    impact.moves.slice(0, 20).map(m => el("div", { class: "muted", text: m }))));
  confirmButton.hidden = false;
  confirmButton.disabled = session.role !== "operator";
  confirmButton.onclick = () => {
    if (!window.confirm(`Roll back ${impact.steps.length} steps, moving ${impact.users} users back? This cannot be undone by the dashboard.`)) return;
    act("/api/rollback", { to: to || null, confirm: true }, r => `rolled back: ${r.impact.steps.length} steps${r.failures.length ? `, ${r.failures.length} failures` : ""}`);
    confirmButton.hidden = true;
  };
}

async function start() {
  const res = await fetch("/api/session", { credentials: "same-origin" });
  if (res.status === 401) { window.location = "/signin"; return; }
  session = await res.json();
  replace("who", `${session.name} (${session.role})`);
  for (const button of document.querySelectorAll("button[data-action]")) {
    const action = button.dataset.action;
    const canAct = session.role === "operator";
    button.disabled = !canAct;
    button.title = canAct ? "" : "only an operator may do this";
    button.addEventListener("click", () => act(`/api/${action}`, {}, r => `${r.request} requested for ${r.runId}`));
  }
  document.getElementById("rollback-preview").addEventListener("click", previewRollback);
  const overview = await fetch("/api/overview", { credentials: "same-origin" });
  if (overview.ok) render(await overview.json());
  const events = new EventSource("/api/events");
  events.addEventListener("view", e => render(JSON.parse(e.data)));
}

document.addEventListener("DOMContentLoaded", start);
