// The peer's photo steps with sharp (libvips), as fast as that stack goes: per photo, auto-rotate
// from EXIF, a 1280 px and a 320 px JPEG without metadata, a 32×32 greyscale for a DCT hash, and
// stats for blur. Two decodes, each with shrink-on-load (1/2 for the 1280 copy, 1/8 for the
// rest, like paike's display copy and intake), libvips' thread pool on all cores.
// Prints ms per photo (median, p95) with 1 in flight and photos/s with 4 in flight, and peak RSS.
//   node photo.js ROUNDS FILE...
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const sharp = require('sharp');

sharp.concurrency(os.availableParallelism());
sharp.cache(false);  // every photo is new; a cache would only hold memory

// 64-bit pHash from 32×32 grey: 2-D DCT-II, the 8×8 low corner without DC, against the median.
const COS = Array.from({ length: 8 }, (_, u) => Float64Array.from({ length: 32 }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / 64)));
function phash(grey) {
  const rows = Array.from({ length: 32 }, (_, y) => Float64Array.from({ length: 8 }, (_, u) => {
    let s = 0;
    for (let x = 0; x < 32; ++x) s += grey[y * 32 + x] * COS[u][x];
    return s;
  }));
  const low = [];
  for (let v = 0; v < 8; ++v) for (let u = 0; u < 8; ++u) {
    if (u === 0 && v === 0) continue;
    let s = 0;
    for (let y = 0; y < 32; ++y) s += rows[y][u] * COS[v][y];
    low.push(s);
  }
  const median = [...low].sort((a, b) => a - b)[31];
  let hash = 0n;
  low.forEach((value, i) => { if (value > median) hash |= 1n << BigInt(i); });
  return hash;
}

async function processPhoto(bytes) {
  const display = sharp(bytes).rotate().resize(1280, 1280, { fit: 'inside' }).jpeg({ quality: 85 }).toBuffer();
  const small = await sharp(bytes).rotate().resize(480, 480, { fit: 'inside' }).raw().toBuffer({ resolveWithObject: true });
  const raw = { raw: small.info };
  const [thumbnail, grey, stats] = await Promise.all([
    sharp(small.data, raw).resize(320, 320, { fit: 'inside' }).jpeg({ quality: 85 }).toBuffer(),
    sharp(small.data, raw).greyscale().resize(32, 32, { fit: 'fill' }).raw().toBuffer(),
    sharp(small.data, raw).greyscale().stats(),  // stats.sharpness: Laplacian-based, for blur
  ]);
  return { display: await display, thumbnail, phash: phash(grey), sharpness: stats.sharpness };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
}

async function run(photos, rounds, inFlight) {
  const times = [];
  let next = 0;
  const start = process.hrtime.bigint();
  async function worker() {
    for (let i; (i = next++) < photos.length * rounds;) {
      const t = process.hrtime.bigint();
      await processPhoto(photos[i % photos.length]);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker));
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95), perSecond: (times.length * 1000) / wall };
}

(async () => {
  const rounds = Number(process.argv[2] || 3);
  const photos = process.argv.slice(3).map((f) => fs.readFileSync(f));
  await processPhoto(photos[0]);  // warm up the libraries
  const row = (name, r) => console.log(`${name.padEnd(30)} ${r.median.toFixed(1).padStart(10)} ${r.p95.toFixed(1).padStart(10)} ${r.perSecond.toFixed(1).padStart(10)}`);
  const four = await run(photos, rounds, 4);
  const one = await run(photos, rounds, 1);
  console.log(`${''.padEnd(30)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(10)} ${'photos/s'.padStart(10)}`);
  row('peer sharp, 4 in flight', four);
  row('peer sharp, 1 in flight', one);
  console.log(`peer peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB; sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, concurrency ${sharp.concurrency()}`);
})();
