// Fit: the person fills the display height — the top of the head near the top edge, the matte's bottom at the screen's
// bottom — centred on the person, whatever the clip's size. The person's extent is the non-black bounding box of the
// still (measured once per page, on a downscaled copy); the display settings' scale and offsets apply on top.
const TOP_MARGIN = 0.03;     // of the screen height, above the head
const BLACK = 24;            // a channel sum above this (of 765) is the person, not the matte's black

export function measurePerson(image) {
  const w = image.naturalWidth, h = image.naturalHeight;
  if (!w || !h) return null;
  const k = Math.min(1, 320 / Math.max(w, h));
  const sw = Math.max(1, Math.round(w * k)), sh = Math.max(1, Math.round(h * k));
  const canvas = document.createElement("canvas");
  canvas.width = sw; canvas.height = sh;
  const draw = canvas.getContext("2d", { willReadFrequently: true });
  draw.drawImage(image, 0, 0, sw, sh);
  const pixels = draw.getImageData(0, 0, sw, sh).data;
  let top = sh, bottom = -1, left = sw, right = -1;
  for (let y = 0; y < sh; y++) {
    let row = 0;
    for (let x = 0; x < sw; x++) {
      const i = (y * sw + x) * 4;
      if (pixels[i] + pixels[i + 1] + pixels[i + 2] > BLACK) {
        row++;
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
    // A row counts when more than a speck of it is lit (compression noise at the edges is not the person).
    if (row > Math.max(1, sw * 0.01)) { if (y < top) top = y; bottom = y; }
  }
  if (bottom < 0) return { top: 0, bottom: 1, left: 0, right: 1, width: w, height: h };
  return { top: top / sh, bottom: (bottom + 1) / sh, left: left / sw, right: (right + 1) / sw, width: w, height: h };
}

// The media box (the whole clip's picture) in screen pixels, so the person's extent lands as described above.
export function fitBox(person, screenWidth, screenHeight) {
  const { width, height } = person;
  const extent = Math.max(1e-3, person.bottom - person.top) * height;           // the person's height in clip pixels
  let k = screenHeight * (1 - TOP_MARGIN) / extent;
  const personWidth = Math.max(1e-3, person.right - person.left) * width;
  k = Math.min(k, screenWidth / personWidth);                                    // a wide picture still fits across
  const centre = (person.left + person.right) / 2 * width;
  return {
    width: width * k, height: height * k,
    left: screenWidth / 2 - centre * k,
    top: screenHeight - person.bottom * height * k,
  };
}
