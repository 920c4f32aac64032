// Independent check of specdither's KTX2 files with the npm package ktx-parse (2.0.0), which shares no code
// with ours. Usage:
//   node check_ktx2.mjs <ktx-parse package folder> convert   KTX2 written by `specdither export`
//   node check_ktx2.mjs <ktx-parse package folder> generate  KTX2 written by `specdither generate` (metadata)
//   node check_ktx2.mjs <ktx-parse package folder> vectors   vector masks of `specdither generate --values`
// The CLI comes from $SPECDITHER_CLI. Input masks are built here, as .npy files written by this script's own
// encoder, so every expected texel is computed without specdither. Any mismatch exits non-zero.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [packageDir, mode = 'convert'] = process.argv.slice(2);
if (!packageDir) fatal('usage: check_ktx2.mjs <ktx-parse folder> [convert|generate|vectors]');
const cli = process.env.SPECDITHER_CLI;
if (!cli) fatal('SPECDITHER_CLI is not set');
const { read, write } = await import(pathToFileURL(join(packageDir, 'dist', 'index.mjs')).href);

// VkFormat values (Vulkan's vulkan_core.h) of 1, 2 and 4 components; bytes: of one component.
const R8_UNORM = 9, R16_UNORM = 70, R32_SFLOAT = 100;
const R8G8_UNORM = 16, R16G16_UNORM = 77, R32G32_SFLOAT = 103;
const R8G8B8A8_UNORM = 37, R16G16B16A16_UNORM = 91, R32G32B32A32_SFLOAT = 109;
const FORMATS = {
  [R8_UNORM]: { name: 'R8_UNORM', bytes: 1, components: 1 },
  [R16_UNORM]: { name: 'R16_UNORM', bytes: 2, components: 1 },
  [R32_SFLOAT]: { name: 'R32_SFLOAT', bytes: 4, components: 1 },
  [R8G8_UNORM]: { name: 'R8G8_UNORM', bytes: 1, components: 2 },
  [R16G16_UNORM]: { name: 'R16G16_UNORM', bytes: 2, components: 2 },
  [R32G32_SFLOAT]: { name: 'R32G32_SFLOAT', bytes: 4, components: 2 },
  [R8G8B8A8_UNORM]: { name: 'R8G8B8A8_UNORM', bytes: 1, components: 4 },
  [R16G16B16A16_UNORM]: { name: 'R16G16B16A16_UNORM', bytes: 2, components: 4 },
  [R32G32B32A32_SFLOAT]: { name: 'R32G32B32A32_SFLOAT', bytes: 4, components: 4 },
};
// Khronos Data Format Specification, KHR_DF_CHANNEL_RGBSDA_{RED, GREEN, BLUE, ALPHA}.
const CHANNEL_IDS = [0, 1, 2, 15];

let failures = 0;
let checks = 0;
function fatal(message) {
  console.error(`check_ktx2: ${message}`);
  process.exit(2);
}
function expect(condition, message) {
  checks++;
  if (!condition) {
    failures++;
    console.error(`FAIL: ${message}`);
  }
}
function expectEqual(actual, expected, what) {
  expect(actual === expected, `${what}: got ${actual}, expected ${expected}`);
}

function run(args) {
  const r = spawnSync(cli, args, { encoding: 'utf8' });
  if (r.status !== 0) fatal(`specdither ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r;
}

// Deterministic permutation (mulberry32 + Fisher-Yates).
function permutation(n, seed) {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ranks = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ranks[i], ranks[j]] = [ranks[j], ranks[i]];
  }
  return ranks;
}

// Ranks of a mask of `slices` slices and `channels` channels: every (slice, channel) plane its own permutation,
// at index ((slice * height + y) * width + x) * channels + channel (specdither's mask.h layout).
function planeRanks(width, height, slices, channels, seed) {
  const n = width * height;
  const ranks = new Array(n * slices * channels);
  for (let t = 0; t < slices; t++)
    for (let c = 0; c < channels; c++) {
      const plane = permutation(n, seed + 17 * (t * channels + c));
      for (let j = 0; j < n; j++) ranks[(t * n + j) * channels + c] = plane[j];
    }
  return ranks;
}

// NumPy .npy v1.0, float32, C order, shape (height, width), (slices, height, width) or (slices, height, width,
// channels): values (rank + 0.5) / N, N the pixels of a plane.
function writeNpy(path, width, height, ranks, slices = 1, channels = 1) {
  const n = width * height;
  const values = new Float32Array(ranks.map((r) => (r + 0.5) / n));
  let shape = `${height}, ${width}`;
  if (slices > 1 || channels > 1) shape = `${slices}, ${shape}`;
  if (channels > 1) shape += `, ${channels}`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape}), }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  writeFileSync(path, Buffer.concat([prefix, Buffer.from(header, 'latin1'), Buffer.from(values.buffer)]));
  return values;
}

// Every component of level 0, layer after layer.
function texels(container) {
  const level = container.levels[0].levelData;
  const view = new DataView(level.buffer, level.byteOffset, level.byteLength);
  const format = FORMATS[container.vkFormat];
  const count = level.byteLength / format.bytes;
  const out = new Array(count);
  for (let i = 0; i < count; i++) {
    if (format.bytes === 1) out[i] = view.getUint8(i);
    else if (format.bytes === 2) out[i] = view.getUint16(2 * i, true);
    else out[i] = view.getFloat32(4 * i, true);
  }
  return out;
}

function decode(bytes) {
  return new TextDecoder().decode(bytes).replace(/\0$/, '');
}

function checkContainer(path, { width, height, slices = 1, vkFormat, ranks, floats, writer }) {
  const bytes = new Uint8Array(readFileSync(path));
  const c = read(bytes);
  const format = FORMATS[vkFormat];
  const texelBytes = format.bytes * format.components;
  const levelBytes = width * height * slices * texelBytes;
  const where = `${path}`;
  expectEqual(c.vkFormat, vkFormat, `${where} vkFormat`);
  expectEqual(c.typeSize, format.bytes, `${where} typeSize`);
  expectEqual(c.pixelWidth, width, `${where} pixelWidth`);
  expectEqual(c.pixelHeight, height, `${where} pixelHeight`);
  expectEqual(c.pixelDepth, 0, `${where} pixelDepth`);
  expectEqual(c.layerCount, slices > 1 ? slices : 0, `${where} layerCount (0: not an array texture)`);
  expectEqual(c.faceCount, 1, `${where} faceCount`);
  expectEqual(c.levelCount, 1, `${where} levelCount`);
  expectEqual(c.supercompressionScheme, 0, `${where} supercompressionScheme`);
  expectEqual(c.levels.length, 1, `${where} levels`);
  const level = c.levels[0];
  expectEqual(level.levelData.byteLength, levelBytes, `${where} level byteLength`);
  expectEqual(level.uncompressedByteLength, levelBytes, `${where} uncompressedByteLength`);
  const alignment = Math.max(4, texelBytes); // lcm(texel size, 4) for texels of 1, 2, 4, 8 and 16 bytes
  expectEqual(level.levelData.byteOffset % alignment, 0, `${where} level offset alignment (lcm(texel size, 4))`);
  expectEqual(level.levelData.byteOffset + level.levelData.byteLength, bytes.byteLength, `${where} level ends the file`);

  expectEqual(c.dataFormatDescriptor.length, 1, `${where} DFD blocks`);
  const dfd = c.dataFormatDescriptor[0];
  expectEqual(dfd.vendorId, 0, `${where} DFD vendorId (Khronos)`);
  expectEqual(dfd.descriptorType, 0, `${where} DFD descriptorType (basic)`);
  expectEqual(dfd.versionNumber, 2, `${where} DFD versionNumber (1.3)`);
  expectEqual(dfd.colorModel, 1, `${where} DFD colorModel (RGBSDA)`);
  expectEqual(dfd.colorPrimaries, 1, `${where} DFD colorPrimaries (BT709)`);
  expectEqual(dfd.transferFunction, 1, `${where} DFD transferFunction (linear)`);
  expectEqual(dfd.flags, 0, `${where} DFD flags (alpha straight)`);
  expectEqual(dfd.texelBlockDimension.join(','), '0,0,0,0', `${where} DFD texelBlockDimension`);
  expectEqual(dfd.bytesPlane.join(','), [texelBytes, 0, 0, 0, 0, 0, 0, 0].join(','), `${where} DFD bytesPlane`);
  expectEqual(dfd.samples.length, format.components, `${where} DFD samples (one per channel)`);
  for (let k = 0; k < format.components; k++) {
    const s = dfd.samples[k] ?? {};
    const sample = `${where} sample ${k}`;
    expectEqual(s.bitOffset, 8 * format.bytes * k, `${sample} bitOffset`);
    expectEqual(s.bitLength, 8 * format.bytes - 1, `${sample} bitLength (bits - 1)`);
    expectEqual(s.samplePosition?.join(','), '0,0,0,0', `${sample} position`);
    if (format.bytes === 4) {
      expectEqual(s.channelType, CHANNEL_IDS[k] | 0xc0, `${sample} channel (${CHANNEL_IDS[k]} | FLOAT | SIGNED)`);
      const f = new DataView(new ArrayBuffer(8));
      f.setInt32(0, s.sampleLower, true);
      f.setInt32(4, s.sampleUpper, true);
      expectEqual(f.getFloat32(0, true), -1, `${sample} sampleLower`);
      expectEqual(f.getFloat32(4, true), 1, `${sample} sampleUpper`);
    } else {
      expectEqual(s.channelType, CHANNEL_IDS[k], `${sample} channel (${CHANNEL_IDS[k]}, unsigned normalized)`);
      expectEqual(s.sampleLower, 0, `${sample} sampleLower`);
      expectEqual(s.sampleUpper, 2 ** (8 * format.bytes) - 1, `${sample} sampleUpper`);
    }
  }

  expectEqual(c.keyValue.KTXwriter, writer, `${where} KTXwriter`);
  expectEqual(c.keyValue.KTXorientation, 'rd', `${where} KTXorientation`);

  if (ranks) {
    const n = width * height;  // a plane's pixels: the N of the quantization
    const got = texels(c);
    let mismatches = 0;
    for (let i = 0; i < ranks.length; i++) {
      const expected = format.bytes === 4 ? floats[i] : Math.floor((ranks[i] * 2 ** (8 * format.bytes)) / n);
      if (got[i] !== expected && mismatches++ < 3) console.error(`  texel ${i}: got ${got[i]}, expected ${expected}`);
    }
    expectEqual(mismatches, 0, `${where} texels differing from the expected levels`);
  }

  // ktx-parse lays a container out the canonical way (index, DFD, key/values, padding, levels); serializing
  // what it read must give our file back byte for byte.
  const again = write(c, { keepWriter: true });
  expect(
    again.byteLength === bytes.byteLength && again.every((b, i) => b === bytes[i]),
    `${where}: ktx-parse re-serializes it differently (${again.byteLength} vs ${bytes.byteLength} bytes)`,
  );
  return c;
}

const work = mkdtempSync(join(tmpdir(), 'specdither-ktx2-'));
try {
  const version = run(['--version']).stdout.trim(); // "specdither X.Y.Z"
  expect(/^specdither \S+$/.test(version), `--version prints "specdither <version>": ${version}`);

  if (mode === 'convert') {
    const cases = [
      { width: 64, height: 64, args: [], vkFormat: R16_UNORM },
      { width: 16, height: 16, args: [], vkFormat: R8_UNORM },
      { width: 40, height: 24, args: ['--format', 'r8'], vkFormat: R8_UNORM },
      { width: 40, height: 24, args: ['--bits', '16'], vkFormat: R16_UNORM },
      { width: 97, height: 13, args: ['--format', 'r32f'], vkFormat: R32_SFLOAT },
      { width: 512, height: 512, args: [], vkFormat: R32_SFLOAT },
      // Masks with slices (a 2D array texture, one layer per slice) and channels (2 or 4 components).
      { width: 16, height: 8, slices: 3, args: [], vkFormat: R8_UNORM },  // 128 pixels a plane: 8 bits suffice
      { width: 16, height: 8, slices: 3, args: ['--format', 'r32f'], vkFormat: R32_SFLOAT },
      { width: 16, height: 16, channels: 2, args: [], vkFormat: R8G8_UNORM },
      { width: 12, height: 10, slices: 2, channels: 2, args: ['--format', 'r32f'], vkFormat: R32G32_SFLOAT },
      { width: 16, height: 16, channels: 4, args: [], vkFormat: R8G8B8A8_UNORM },
      { width: 20, height: 12, slices: 3, channels: 4, args: ['--bits', '16'], vkFormat: R16G16B16A16_UNORM },
      { width: 8, height: 8, channels: 4, args: ['--format', 'r32f'], vkFormat: R32G32B32A32_SFLOAT },
    ];
    for (const [index, k] of cases.entries()) {
      const slices = k.slices ?? 1, channels = k.channels ?? 1;
      const ranks = planeRanks(k.width, k.height, slices, channels, 1000 + index);
      const npy = join(work, `in${index}.npy`);
      const floats = writeNpy(npy, k.width, k.height, ranks, slices, channels);
      const out = join(work, `out${index}.ktx2`);
      run(['export', npy, out, ...k.args]);
      checkContainer(out, { ...k, ranks, floats, writer: version });
    }

    // The other direction: a file written by ktx-parse (with generation metadata) is read by specdither, and a
    // KTX2 -> KTX2 conversion keeps the metadata.
    const width = 24, height = 20, n = width * height;
    const ranks = permutation(n, 7);
    const levels = new Uint16Array(ranks.map((r) => Math.floor((r * 65536) / n)));
    const source = read(readFileSync(join(work, 'out0.ktx2'))); // a valid R16 DFD to start from
    source.pixelWidth = width;
    source.pixelHeight = height;
    source.levels = [{ levelData: new Uint8Array(levels.buffer), uncompressedByteLength: levels.byteLength }];
    source.keyValue = {
      KTXorientation: 'rd',
      'specdither.preset': 'wronski2020',
      'specdither.seed': '7',
    };
    const foreign = join(work, 'foreign.ktx2');
    writeFileSync(foreign, write(source));
    run(['export', foreign, join(work, 'converted.ktx2')]);
    const converted = checkContainer(join(work, 'converted.ktx2'), { width, height, vkFormat: R16_UNORM, ranks, writer: version });
    expectEqual(decode(converted.keyValue['specdither.preset'] ?? new Uint8Array()), 'wronski2020', 'kept specdither.preset');
    expectEqual(decode(converted.keyValue['specdither.seed'] ?? new Uint8Array()), '7', 'kept specdither.seed');
  } else if (mode === 'generate') {
    const out = join(work, 'generated.ktx2');
    run(['generate', '--size', '16', '--passes', '50', '--seed', '7', '--out', out]);
    const c = checkContainer(out, { width: 16, height: 16, vkFormat: R8_UNORM, writer: version });
    const keys = Object.keys(c.keyValue).filter((key) => key.startsWith('specdither.'));
    expect(keys.includes('specdither.preset'), `generation metadata has specdither.preset (keys: ${keys})`);
    expectEqual(decode(c.keyValue['specdither.seed'] ?? new Uint8Array()), '7', 'specdither.seed');
    expectEqual(decode(c.keyValue['specdither.size'] ?? new Uint8Array()), '16x16', 'specdither.size');
    const values = texels(c).sort((a, b) => a - b);
    expect(values.every((v, i) => v === i), 'a generated 16x16 R8 mask holds every level 0..255 once');
    // Colour masks (docs/method.md §11): RG and RGBA, every channel its own permutation of the 256 levels.
    for (const [channels, vkFormat] of [[2, R8G8_UNORM], [4, R8G8B8A8_UNORM]]) {
      const colour = join(work, `colour${channels}.ktx2`);
      run(['generate', '--size', '16', '--channels', `${channels}`, '--passes', '20', '--out', colour]);
      const cc = checkContainer(colour, { width: 16, height: 16, vkFormat, writer: version });
      const all = texels(cc);
      for (let k = 0; k < channels; k++) {
        const channel = all.filter((_, i) => i % channels === k).sort((a, b) => a - b);
        expect(channel.every((v, i) => v === i), `channel ${k} of ${channels} holds every level 0..255 once`);
      }
    }
  } else if (mode === 'vectors') {
    // Vector masks (docs/method.md §10.4): a circle as R16G16 UNORM of (v + 1) / 2, a sphere as RGBA float32 of
    // v with alpha 1, both naming their values and encoding.
    const circle = join(work, 'circle.ktx2');
    run(['generate', '--values', 'circle', '--width', '16', '--height', '12', '--passes', '20', '--bits', '16', '--out', circle]);
    const c = checkContainer(circle, { width: 16, height: 12, vkFormat: R16G16_UNORM, writer: version });
    expectEqual(decode(c.keyValue['specdither.values'] ?? new Uint8Array()), 'circle', 'specdither.values');
    expectEqual(decode(c.keyValue['specdither.encoding'] ?? new Uint8Array()), '(v+1)/2', 'specdither.encoding');
    const cv = texels(c);
    let worst = 0;
    for (let i = 0; i < cv.length; i += 2) {
      const x = (2 * cv[i]) / 65535 - 1, y = (2 * cv[i + 1]) / 65535 - 1;
      worst = Math.max(worst, Math.abs(Math.hypot(x, y) - 1));
    }
    expect(worst < 1e-4, `circle texels decode to unit vectors (worst |len - 1| ${worst})`);
    const sphere = join(work, 'sphere.ktx2');
    run(['generate', '--values', 'sphere', '--width', '16', '--height', '12', '--passes', '20', '--out', sphere]);
    const s = checkContainer(sphere, { width: 16, height: 12, vkFormat: R32G32B32A32_SFLOAT, writer: version });
    expectEqual(decode(s.keyValue['specdither.values'] ?? new Uint8Array()), 'sphere', 'specdither.values');
    expectEqual(decode(s.keyValue['specdither.encoding'] ?? new Uint8Array()), 'v', 'specdither.encoding');
    const sv = texels(s);
    worst = 0;
    let alpha = true;
    for (let i = 0; i < sv.length; i += 4) {
      worst = Math.max(worst, Math.abs(Math.hypot(sv[i], sv[i + 1], sv[i + 2]) - 1));
      alpha = alpha && sv[i + 3] === 1;
    }
    expect(worst < 1e-5, `sphere texels are unit vectors (worst |len - 1| ${worst})`);
    expect(alpha, 'sphere texels have alpha 1');
    // A vector stack (docs/method.md §10.5): a 2D array texture, one layer per slice, each layer a permutation of
    // one sample of the square (the same values in every slice).
    const stack = join(work, 'vec2_stack.ktx2');
    run(['generate', '--values', 'vec2', '--width', '8', '--height', '6', '--slices', '5', '--passes', '30', '--bits', '16', '--out', stack]);
    const v = checkContainer(stack, { width: 8, height: 6, slices: 5, vkFormat: R16G16_UNORM, writer: version });
    expectEqual(decode(v.keyValue['specdither.values'] ?? new Uint8Array()), 'vec2', 'specdither.values of the stack');
    const vv = texels(v);
    const layer = (t) => {
      const pairs = [];
      for (let i = 0; i < 48; i++) pairs.push(`${vv[(t * 48 + i) * 2]},${vv[(t * 48 + i) * 2 + 1]}`);
      return pairs.sort().join(' ');
    };
    for (let t = 1; t < 5; t++) expect(layer(t) === layer(0), `vec2 stack layer ${t} holds layer 0's values`);
  } else {
    fatal(`unknown mode ${mode}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures) {
  console.error(`check_ktx2 (${mode}): ${failures} of ${checks} checks failed`);
  process.exit(1);
}
console.log(`check_ktx2 (${mode}): all ${checks} checks passed`);
