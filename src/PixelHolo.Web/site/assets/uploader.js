// Uploader: streams the file with XMLHttpRequest (upload progress), then follows the enrollment job over server-sent events.
"use strict";
const form = document.getElementById("upload-form");
const createButton = document.getElementById("create");
const jobSection = document.getElementById("job");
const jobProgress = document.getElementById("job-progress");
const jobStatus = document.getElementById("job-status");
const problemsSection = document.getElementById("problems");
const problemList = document.getElementById("problem-list");

function showProblems(messages) {
  problemList.replaceChildren(...messages.map(m => Object.assign(document.createElement("li"), { textContent: m })));
  problemsSection.hidden = messages.length === 0;
}

function formatEta(seconds) {
  if (seconds == null) return "";
  return seconds < 90 ? `, about ${Math.round(seconds)} s left` : `, about ${Math.round(seconds / 60)} min left`;
}

form.addEventListener("submit", event => {
  event.preventDefault();
  const file = document.getElementById("video").files[0];
  if (!file) { showProblems(["Choose a video first."]); return; }
  showProblems([]);
  createButton.disabled = true;
  jobSection.hidden = false;
  jobProgress.value = 0;
  jobStatus.textContent = "Uploading… 0 %";

  const body = new FormData(form);
  const request = new XMLHttpRequest();
  request.open("POST", "/api/profiles");
  request.setRequestHeader("X-PixelHolo-Upload", "1");
  request.upload.onprogress = e => {
    if (e.lengthComputable) jobStatus.textContent = `Uploading… ${Math.round(100 * e.loaded / e.total)} %`;
  };
  request.onerror = () => { createButton.disabled = false; jobSection.hidden = true; showProblems(["The upload was cut off. Check that PixelHolo is still running and try again."]); };
  request.onload = () => {
    let reply = {};
    try { reply = JSON.parse(request.responseText || "{}"); } catch { reply = {}; }
    if (request.status !== 202) {
      createButton.disabled = false;
      jobSection.hidden = true;
      const messages = (reply.problems || []).map(p => p.message);
      showProblems(messages.length ? messages : [reply.detail || `The upload failed (HTTP ${request.status}).`]);
      return;
    }
    follow(reply.jobId, reply.profileId, reply.warnings || []);
  };
  request.send(body);
});

// Follows a job to its end; onDone (a re-run from the list) replaces the default ending (reload the list).
function follow(jobId, profileId, warnings, onDone) {
  jobStatus.textContent = "Queued…";
  const events = new EventSource(`/api/jobs/${jobId}/events`);
  events.addEventListener("progress", e => {
    const update = JSON.parse(e.data);
    jobProgress.value = update.percent;
    if (update.state === "running") {
      jobStatus.textContent = `${update.stage} — ${Math.round(update.percent)} %${formatEta(update.etaSeconds)}`;
      return;
    }
    events.close();
    createButton.disabled = false;
    if (update.state === "succeeded") {
      jobProgress.value = 100;
      jobStatus.textContent = "Ready — 100 %.";
      const link = Object.assign(document.createElement("a"), { href: `/stage/${profileId}`, textContent: " Open the stage" });
      link.id = "open-stage";
      jobStatus.append(link);
      showReport(profileId, warnings);
    } else {
      jobSection.hidden = true;
      showProblems([update.error || "The avatar could not be made."]);
    }
    if (onDone) onDone(update); else loadProfiles();
  });
  events.onerror = () => { jobStatus.textContent += " (connection lost, retrying…)"; };
}

// The finished job's report: the matte's shot changes and confidence (manifest "matte"), and every finding of the steps.
async function showReport(profileId, warnings) {
  const reply = await fetch(`/api/profiles/${profileId}`);
  const manifest = reply.ok ? (await reply.json()).manifest : null;
  const matte = manifest && manifest.matte;
  if (matte && matte.confidence != null) {
    const report = Object.assign(document.createElement("span"), { id: "matte-report" });
    report.textContent = ` Cut-out: ${matte.cuts} shot change${matte.cuts === 1 ? "" : "s"} found, confidence ${Math.round(100 * matte.confidence)} %` +
      ` (lowest ${Math.round(100 * matte.minConfidence)} %).`;
    jobStatus.append(report);
  }
  const findings = (manifest && manifest.findings) || [];
  showProblems([...new Set([...warnings, ...findings])]);
}

async function loadProfiles() {
  const reply = await fetch("/api/profiles");
  const profiles = reply.ok ? await reply.json() : [];
  const list = document.getElementById("profiles");
  document.getElementById("no-profiles").hidden = profiles.length > 0;
  list.replaceChildren(...profiles.map(profileItem));
}

function button(text, className, onClick) {
  const b = Object.assign(document.createElement("button"), { type: "button", textContent: text, className });
  b.addEventListener("click", onClick);
  return b;
}

function profileItem(p) {
  const item = document.createElement("li");
  item.dataset.profileId = p.id;
  const image = document.createElement("img");
  image.alt = "";
  if (p.stillUrl) image.src = p.stillUrl;
  const name = Object.assign(document.createElement("span"), { className: "name", textContent: p.name });
  const status = Object.assign(document.createElement("span"), { className: "status", textContent: p.status });
  const actions = Object.assign(document.createElement("span"), { className: "actions" });
  item.append(image, name, status);
  if (p.status === "ready") {
    const details = Object.assign(document.createElement("span"), { className: "details" });
    const voice = Object.assign(document.createElement("span"), { className: "voice" });
    name.append(document.createElement("br"), details, " ", voice);
    showDetails(p.id, details);
    showVoice(p.id, voice);
    actions.append(Object.assign(document.createElement("a"), { href: p.stageUrl, textContent: "Open stage" }));
    actions.append(reEnrollControls(p, status));
  }
  actions.append(button("Rename", "rename", () => startRename(p, name)));
  actions.append(button("Delete", "delete", async () => {
    if (!confirm(`Delete the avatar "${p.name}" and all its files?`)) return;
    await fetch(`/api/profiles/${p.id}`, { method: "DELETE" });
    loadProfiles();
  }));
  item.append(actions);
  return item;
}

// Rename in place: Enter or Save stores it, Esc or Cancel puts the list back; the server's refusal is shown under the field.
function startRename(p, nameElement) {
  const form = Object.assign(document.createElement("form"), { className: "rename-form" });
  const input = Object.assign(document.createElement("input"), { type: "text", value: p.name, maxLength: 200, className: "rename-input" });
  input.setAttribute("aria-label", `New name for ${p.name}`);
  const error = Object.assign(document.createElement("span"), { className: "rename-error", role: "alert" });
  const save = Object.assign(document.createElement("button"), { type: "submit", textContent: "Save" });
  form.append(input, save, button("Cancel", "cancel", () => loadProfiles()), error);
  form.addEventListener("keydown", e => { if (e.key === "Escape") loadProfiles(); });
  form.addEventListener("submit", async e => {
    e.preventDefault();
    const reply = await fetch(`/api/profiles/${p.id}`, {
      method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: input.value }),
    });
    if (reply.ok) { loadProfiles(); return; }
    const problem = await reply.json().catch(() => ({}));
    error.textContent = problem.detail || `The name was not saved (HTTP ${reply.status}).`;
    input.focus();
  });
  nameElement.replaceChildren(form);
  input.focus();
  input.select();
}

// Enroll again from the kept source video with another picture mode; the old profile stays usable until the new one is ready.
function reEnrollControls(p, statusElement) {
  const wrapper = Object.assign(document.createElement("span"), { className: "reenroll" });
  const select = Object.assign(document.createElement("select"), { className: "reenroll-picture" });
  select.setAttribute("aria-label", `Picture mode for enrolling ${p.name} again`);
  for (const [value, text] of [["matte", "cut out (matte)"], ["plain", "as filmed (plain)"]]) {
    select.append(Object.assign(document.createElement("option"), { value, textContent: text }));
  }
  const run = button("Enroll again", "reenroll-run", async () => {
    run.disabled = true;
    showProblems([]);
    const reply = await fetch(`/api/profiles/${p.id}/reenroll`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ picture: select.value }),
    });
    const body = await reply.json().catch(() => ({}));
    if (reply.status !== 202) { run.disabled = false; showProblems([body.detail || `Enrolling again failed (HTTP ${reply.status}).`]); return; }
    jobSection.hidden = false;
    jobProgress.value = 0;
    statusElement.textContent = "re-enrolling";
    follow(body.jobId, p.id, [], update => {
      if (update.state !== "succeeded") {
        jobSection.hidden = true;
        showProblems([`Enrolling "${p.name}" again failed; the previous version is kept. ${update.error || ""}`.trim()]);
      } else {
        jobStatus.textContent = `"${p.name}" enrolled again — 100 %.`;
      }
      loadProfiles();
    });
  });
  wrapper.append(select, run);
  return wrapper;
}

// Which engine the profile's answers are spoken with now (its cloned voice, or the fallback and why).
async function showVoice(profileId, element) {
  const reply = await fetch(`/api/profiles/${profileId}/voice`);
  const voice = reply.ok ? await reply.json() : null;
  element.textContent = voice ? `voice: ${voice.engine}${voice.clonesVoice ? " (cloned)" : ""}` : "voice: unknown";
  if (voice && voice.warning) element.title = voice.warning;
}

// A ready profile's clip length and licence summary (green when every part may be used commercially, else the reason).
async function showDetails(profileId, element) {
  const [profile, licences] = await Promise.all([
    fetch(`/api/profiles/${profileId}`).then(r => r.ok ? r.json() : null),
    fetch(`/api/profiles/${profileId}/licences`).then(r => r.ok ? r.json() : null),
  ]);
  const seconds = profile && profile.manifest && profile.manifest.videoSeconds;
  const length = seconds ? `${Math.round(seconds)} s clip` : "";
  const badge = Object.assign(document.createElement("span"), { className: `licence ${licences && licences.commercialUse ? "green" : "red"}` });
  badge.textContent = licences ? (licences.commercialUse ? "commercial use OK" : "not for commercial use") : "licence unknown";
  if (licences && licences.reason) badge.title = licences.reason;
  element.replaceChildren(length ? `${length} · ` : "", badge);
}

loadProfiles();
