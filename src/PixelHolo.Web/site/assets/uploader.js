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

function follow(jobId, profileId, warnings) {
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
    loadProfiles();
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
  list.replaceChildren(...profiles.map(p => {
    const item = document.createElement("li");
    item.dataset.profileId = p.id;
    const image = document.createElement("img");
    image.alt = "";
    if (p.stillUrl) image.src = p.stillUrl;
    const name = Object.assign(document.createElement("span"), { className: "name", textContent: p.name });
    const status = Object.assign(document.createElement("span"), { className: "status", textContent: p.status });
    item.append(image, name, status);
    if (p.status === "ready") {
      item.append(Object.assign(document.createElement("a"), { href: p.stageUrl, textContent: "Open stage" }));
      const details = Object.assign(document.createElement("span"), { className: "details" });
      item.append(details);
      showDetails(p.id, details);
    }
    const remove = Object.assign(document.createElement("button"), { type: "button", textContent: "Delete" });
    remove.addEventListener("click", async () => {
      if (!confirm(`Delete the avatar "${p.name}" and all its files?`)) return;
      await fetch(`/api/profiles/${p.id}`, { method: "DELETE" });
      loadProfiles();
    });
    item.append(remove);
    return item;
  }));
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
