// The original's state icons, bottom-right; the error's fix as text bottom-left. Idle shows no icon.
const files = {
  listening: "listening", transcribing: "transcribing", searching: "searching", searchFailed: "search-failed",
  thinking: "thinking", speaking: "speaking", error: "error", interrupted: "interrupted",
};

export function showState(state, detail) {
  const icon = document.getElementById("stage-icon");
  const text = document.getElementById("stage-detail");
  document.body.dataset.state = state;
  const name = files[state];
  icon.hidden = !name;
  if (name) { icon.src = `/assets/icons/${name}.svg`; icon.alt = state; }
  text.hidden = state !== "error" || !detail;
  text.textContent = state === "error" ? (detail || "") : "";
}
