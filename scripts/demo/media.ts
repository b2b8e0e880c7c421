/**
 * The demo catalogue's pictures and sounds, synthesised so they are real files yet tiny and reproducible:
 * PNG covers and diagrams drawn with pngjs, WAV chimes and voice-like narration as 8 kHz 8-bit mono PCM.
 * `npx tsx scripts/demo/media.ts [folder]` writes every file of DEMO_MEDIA into content/demo (the files are
 * committed, so seeding needs nothing but Node; test/scripts/demo-content.test.ts checks they match).
 * The videos are not made here: they need ffmpeg, which fresh machines lack (see content/demo/README.md).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { CourseCategory } from '../../typings/domain';

type Rgb = readonly [number, number, number];

export type PictureSpec =
  | { kind: 'cover'; category: CourseCategory; seed: string }
  | { kind: 'bars'; values: readonly number[] }
  | { kind: 'quadrant' }
  | { kind: 'flow'; steps: number }
  | { kind: 'tree'; levels: readonly number[] }
  | { kind: 'funnel'; stages: number }
  /** A mall item's picture: a wrapped box on a soft background, its colour from the seed. */
  | { kind: 'gift'; seed: string };

export type SoundSpec =
  /** Bell-like notes one after another (audio courses' jingles). */
  | { kind: 'chime'; notes: readonly { hz: number; seconds: number }[] }
  /** Syllable-like bursts with a moving pitch, standing in for a narrator's voice. */
  | { kind: 'voice'; seconds: number; seed: number };

export type MediaSpec = PictureSpec | SoundSpec;

const WIDTH = 320;
const HEIGHT = 180;
const SAMPLE_RATE = 8000;

const CATEGORY_COLOURS: Record<CourseCategory, Rgb> = {
  company_knowledge: [0x1f, 0x6f, 0xeb],
  general_skills: [0x0e, 0x9f, 0x6e],
  leadership: [0x8b, 0x3d, 0xd6],
  professional_skills: [0xe0, 0x7a, 0x10],
  onboarding: [0xd9, 0x3a, 0x4a],
};
const INK: Rgb = [0x33, 0x41, 0x55];
const PAPER: Rgb = [0xf8, 0xfa, 0xfc];
const ACCENTS: readonly Rgb[] = [
  [0x1f, 0x6f, 0xeb],
  [0x0e, 0x9f, 0x6e],
  [0xe0, 0x7a, 0x10],
  [0x8b, 0x3d, 0xd6],
  [0xd9, 0x3a, 0x4a],
];

/**
 * Reproducible pseudo-random numbers in [0, 1): SHA-256 of the seed and a counter, so the same seed always
 * draws the same cover and voice.
 */
function random(seed: string | number): () => number {
  let counter = 0;
  return () => {
    counter += 1;
    return createHash('sha256').update(`${seed}:${counter}`).digest().readUInt32LE(0) / 4_294_967_296;
  };
}

function mix(colour: Rgb, towards: Rgb, amount: number): Rgb {
  return [0, 1, 2].map((i) => Math.round((colour[i] as number) + ((towards[i] as number) - (colour[i] as number)) * amount)) as unknown as Rgb;
}

class Canvas {
  // A plain typed array, copied into the PNG once: writing pixel by pixel into a Buffer is far slower under jest.
  private readonly pixels = new Uint8Array(WIDTH * HEIGHT * 4);

  constructor(background: Rgb) {
    this.rect(0, 0, WIDTH, HEIGHT, background);
  }

  private set(x: number, y: number, colour: Rgb): void {
    if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT) return;
    const at = (Math.floor(y) * WIDTH + Math.floor(x)) * 4;
    this.pixels[at] = colour[0];
    this.pixels[at + 1] = colour[1];
    this.pixels[at + 2] = colour[2];
    this.pixels[at + 3] = 255;
  }

  rect(x: number, y: number, width: number, height: number, colour: Rgb): this {
    for (let row = Math.round(y); row < Math.round(y + height); row += 1)
      for (let col = Math.round(x); col < Math.round(x + width); col += 1) this.set(col, row, colour);
    return this;
  }

  circle(cx: number, cy: number, radius: number, colour: Rgb): this {
    for (let row = Math.floor(cy - radius); row <= cy + radius; row += 1) {
      for (let col = Math.floor(cx - radius); col <= cx + radius; col += 1) if ((col - cx) ** 2 + (row - cy) ** 2 <= radius ** 2) this.set(col, row, colour);
    }
    return this;
  }

  /** A line `thickness` pixels wide, drawn as overlapping dots. */
  line(x1: number, y1: number, x2: number, y2: number, colour: Rgb, thickness = 2): this {
    const steps = Math.max(Math.abs(x2 - x1), Math.abs(y2 - y1), 1);
    for (let i = 0; i <= steps; i += 1) this.circle(x1 + ((x2 - x1) * i) / steps, y1 + ((y2 - y1) * i) / steps, thickness / 2, colour);
    return this;
  }

  encode(): Buffer {
    const png = new PNG({ width: WIDTH, height: HEIGHT });
    png.data.set(this.pixels);
    // RGB without alpha: flat colours compress to a couple of kilobytes.
    return PNG.sync.write(png, { colorType: 2 });
  }
}

function drawCover(category: CourseCategory, seed: string): Canvas {
  const base = CATEGORY_COLOURS[category];
  const canvas = new Canvas(base);
  const next = random(seed);
  canvas.rect(0, HEIGHT - 36, WIDTH, 36, mix(base, [0, 0, 0], 0.25));
  for (let i = 0; i < 6; i += 1) canvas.circle(160 + next() * 170, next() * (HEIGHT - 40), 12 + next() * 38, mix(base, [255, 255, 255], 0.15 + next() * 0.35));
  // A "title card" block on the left, where the app overlays the course title.
  canvas.rect(20, 40, 120, 14, mix(base, [255, 255, 255], 0.85)).rect(20, 64, 84, 10, mix(base, [255, 255, 255], 0.6));
  return canvas;
}

function drawBars(values: readonly number[]): Canvas {
  const canvas = new Canvas(PAPER).line(30, 160, 300, 160, INK).line(30, 20, 30, 160, INK);
  const top = Math.max(...values, 1);
  const slot = 260 / values.length;
  values.forEach((value, index) => {
    canvas.rect(40 + index * slot, 160 - (value / top) * 130, slot * 0.6, (value / top) * 130, ACCENTS[index % ACCENTS.length] as Rgb);
  });
  return canvas;
}

function drawQuadrant(): Canvas {
  const canvas = new Canvas(PAPER);
  const cells: [number, number][] = [
    [20, 15],
    [165, 15],
    [20, 95],
    [165, 95],
  ];
  cells.forEach(([x, y], index) => {
    canvas.rect(x, y, 135, 70, mix(ACCENTS[index] as Rgb, PAPER, 0.55));
  });
  return canvas.line(160, 10, 160, 170, INK).line(15, 90, 305, 90, INK);
}

function drawFlow(steps: number): Canvas {
  const canvas = new Canvas(PAPER);
  const slot = 300 / steps;
  for (let i = 0; i < steps; i += 1) {
    const x = 10 + i * slot;
    canvas.rect(x, 65, slot * 0.7, 50, ACCENTS[i % ACCENTS.length] as Rgb);
    if (i < steps - 1)
      canvas
        .line(x + slot * 0.7, 90, x + slot - 2, 90, INK)
        .line(x + slot - 8, 84, x + slot - 2, 90, INK)
        .line(x + slot - 8, 96, x + slot - 2, 90, INK);
  }
  return canvas;
}

function drawTree(levels: readonly number[]): Canvas {
  const canvas = new Canvas(PAPER);
  const rowHeight = 160 / levels.length;
  let parents: number[] = [];
  levels.forEach((count, level) => {
    const y = 15 + level * rowHeight;
    const centres = Array.from({ length: count }, (_, i) => ((i + 0.5) * WIDTH) / count);
    for (const [i, x] of centres.entries()) {
      const parent = parents[Math.floor((i * parents.length) / count)];
      if (parent !== undefined) canvas.line(parent, y - rowHeight + 30, x, y, INK);
      canvas.rect(x - 22, y, 44, 26, ACCENTS[level % ACCENTS.length] as Rgb);
    }
    parents = centres;
  });
  return canvas;
}

function drawFunnel(stages: number): Canvas {
  const canvas = new Canvas(PAPER);
  const height = 150 / stages;
  for (let i = 0; i < stages; i += 1) {
    const width = 280 - (i * 200) / stages;
    canvas.rect((WIDTH - width) / 2, 15 + i * height, width, height - 4, ACCENTS[i % ACCENTS.length] as Rgb);
  }
  return canvas;
}

function drawGift(seed: string): Canvas {
  const next = random(seed);
  const base = ACCENTS[Math.floor(next() * ACCENTS.length)] as Rgb;
  const canvas = new Canvas(mix(base, [255, 255, 255], 0.85));
  const box = { x: 110, y: 62, width: 100, height: 78 };
  canvas.rect(box.x, box.y, box.width, box.height, base);
  // The lid overhangs the box a little.
  canvas.rect(box.x - 8, box.y - 18, box.width + 16, 22, mix(base, [0, 0, 0], 0.15));
  const ribbon = mix(base, [255, 255, 255], 0.7);
  canvas.rect(box.x + box.width / 2 - 8, box.y - 18, 16, box.height + 18, ribbon);
  canvas.circle(box.x + box.width / 2 - 16, box.y - 26, 12, ribbon).circle(box.x + box.width / 2 + 16, box.y - 26, 12, ribbon);
  return canvas;
}

export function renderPicture(spec: PictureSpec): Buffer {
  switch (spec.kind) {
    case 'cover':
      return drawCover(spec.category, spec.seed).encode();
    case 'bars':
      return drawBars(spec.values).encode();
    case 'quadrant':
      return drawQuadrant().encode();
    case 'flow':
      return drawFlow(spec.steps).encode();
    case 'tree':
      return drawTree(spec.levels).encode();
    case 'funnel':
      return drawFunnel(spec.stages).encode();
    case 'gift':
      return drawGift(spec.seed).encode();
  }
}

/** Mono 8-bit unsigned PCM in a RIFF/WAVE container; `samples` in [-1, 1]. */
export function wav(samples: Float32Array, sampleRate = SAMPLE_RATE): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate, 28); // bytes per second at one byte per sample
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length, 40);
  const body = Buffer.alloc(samples.length);
  samples.forEach((sample, i) => {
    body[i] = Math.round(128 + 127 * Math.max(-1, Math.min(1, sample)));
  });
  return Buffer.concat([header, body]);
}

function chime(notes: readonly { hz: number; seconds: number }[]): Float32Array {
  const total = notes.reduce((sum, note) => sum + Math.round(note.seconds * SAMPLE_RATE), 0);
  const samples = new Float32Array(total);
  let offset = 0;
  for (const note of notes) {
    const length = Math.round(note.seconds * SAMPLE_RATE);
    for (let i = 0; i < length; i += 1) {
      const t = i / SAMPLE_RATE;
      // Quick attack, exponential decay and a soft overtone: a bell rather than a beep.
      const envelope = Math.min(1, t / 0.01) * Math.exp(-3 * t);
      samples[offset + i] = 0.6 * envelope * (Math.sin(2 * Math.PI * note.hz * t) + 0.3 * Math.sin(2 * Math.PI * 2.76 * note.hz * t));
    }
    offset += length;
  }
  return samples;
}

function voice(seconds: number, seed: number): Float32Array {
  const next = random(seed);
  const samples = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  let at = 0;
  while (at < samples.length) {
    // A syllable: 120–280 ms of a gliding pitch with vowel-like harmonics, then a short pause.
    const length = Math.round((0.12 + next() * 0.16) * SAMPLE_RATE);
    const pitch = 140 + next() * 90;
    const glide = (next() - 0.5) * 60;
    let phase = 0;
    for (let i = 0; i < length && at + i < samples.length; i += 1) {
      const progress = i / length;
      phase += (2 * Math.PI * (pitch + glide * progress)) / SAMPLE_RATE;
      const envelope = Math.sin(Math.PI * progress);
      samples[at + i] = 0.5 * envelope * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase));
    }
    at += length + Math.round((0.04 + next() * (next() < 0.2 ? 0.3 : 0.08)) * SAMPLE_RATE);
  }
  return samples;
}

export function renderSound(spec: SoundSpec): Buffer {
  return wav(spec.kind === 'chime' ? chime(spec.notes) : voice(spec.seconds, spec.seed));
}

export function renderMedia(spec: MediaSpec): Buffer {
  return spec.kind === 'chime' || spec.kind === 'voice' ? renderSound(spec) : renderPicture(spec);
}

const COVERS: Record<string, CourseCategory> = {
  'welcome-to-company': 'onboarding',
  'first-week-checklist': 'onboarding',
  'attendance-and-leave': 'onboarding',
  'office-systems': 'onboarding',
  'ask-your-buddy': 'onboarding',
  'security-basics': 'onboarding',
  'culture-and-values': 'company_knowledge',
  'code-of-conduct': 'company_knowledge',
  'data-privacy': 'company_knowledge',
  'travel-expenses': 'company_knowledge',
  'fire-safety': 'company_knowledge',
  'company-history': 'company_knowledge',
  'effective-meetings': 'general_skills',
  'business-email': 'general_skills',
  'time-management': 'general_skills',
  'excel-pivot-tables': 'general_skills',
  'excel-lookup': 'general_skills',
  'active-listening': 'general_skills',
  'pyramid-principle': 'general_skills',
  'phishing-drill': 'general_skills',
  'new-manager-transition': 'leadership',
  'one-on-one': 'leadership',
  'feedback-sbi': 'leadership',
  delegation: 'leadership',
  'okr-goals': 'leadership',
  'structured-interview': 'leadership',
  'spin-selling': 'professional_skills',
  'handling-objections': 'professional_skills',
  'service-etiquette': 'professional_skills',
  'complaint-handling': 'professional_skills',
  'phone-service': 'professional_skills',
  'crm-records': 'professional_skills',
  'contract-basics': 'professional_skills',
};

const C4 = 261.63;
const E4 = 329.63;
const G4 = 392.0;
const A4 = 440.0;
const C5 = 523.25;

/** The demo mall's items that have a picture (scripts/demo/points.ts uploads `mall-<slug>.png`, beside the course folders, which the importer does not take for a course). */
export const MALL_PICTURES = [
  'book-management',
  'book-sales',
  'book-excel',
  'mug-logo',
  'mug-thermos',
  'notebook',
  'voucher-pm',
  'voucher-english',
  'leave-half-day',
  'umbrella',
  'powerbank',
  'ebook-code',
] as const;

/** Every generated file of content/demo, by its path inside the folder. */
export const DEMO_MEDIA: Readonly<Record<string, MediaSpec>> = {
  ...Object.fromEntries(Object.entries(COVERS).map(([slug, category]) => [`${slug}/cover.png`, { kind: 'cover', category, seed: slug } as const])),
  ...Object.fromEntries(MALL_PICTURES.map((slug) => [`mall-${slug}.png`, { kind: 'gift', seed: slug } as const])),
  'welcome-to-company/org-chart.png': { kind: 'tree', levels: [1, 3, 6] },
  'travel-expenses/approval-flow.png': { kind: 'flow', steps: 4 },
  'effective-meetings/agenda-timebox.png': { kind: 'bars', values: [5, 20, 15, 10, 5] },
  'time-management/eisenhower-matrix.png': { kind: 'quadrant' },
  'excel-lookup/lookup-table.png': { kind: 'bars', values: [12, 30, 22, 18] },
  'data-privacy/data-lifecycle.png': { kind: 'flow', steps: 5 },
  'feedback-sbi/sbi-steps.png': { kind: 'flow', steps: 3 },
  'spin-selling/sales-funnel.png': { kind: 'funnel', stages: 4 },
  'service-etiquette/first-contact-flow.png': { kind: 'flow', steps: 4 },
  'new-manager-transition/time-split.png': { kind: 'bars', values: [70, 20, 10] },
  'culture-and-values/values-pillars.png': { kind: 'bars', values: [10, 10, 10, 10] },
  'ask-your-buddy/chime.wav': {
    kind: 'chime',
    notes: [
      { hz: C4, seconds: 0.8 },
      { hz: E4, seconds: 0.8 },
      { hz: G4, seconds: 1.4 },
    ],
  },
  'active-listening/listening.wav': {
    kind: 'chime',
    notes: [
      { hz: G4, seconds: 1 },
      { hz: E4, seconds: 1 },
      { hz: C4, seconds: 2 },
    ],
  },
  'pyramid-principle/pyramid.wav': {
    kind: 'chime',
    notes: [
      { hz: C5, seconds: 0.6 },
      { hz: G4, seconds: 0.6 },
      { hz: E4, seconds: 0.6 },
      { hz: C4, seconds: 2.2 },
    ],
  },
  'one-on-one/one-on-one.wav': { kind: 'voice', seconds: 5, seed: 11 },
  'handling-objections/objections.wav': { kind: 'voice', seconds: 5, seed: 12 },
  'phone-service/phone.wav': {
    kind: 'chime',
    notes: [
      { hz: A4, seconds: 0.5 },
      { hz: A4, seconds: 0.5 },
      { hz: C5, seconds: 0.5 },
      { hz: E4, seconds: 2.5 },
    ],
  },
  'attendance-and-leave/narration.wav': { kind: 'voice', seconds: 4, seed: 1 },
  'culture-and-values/narration.wav': { kind: 'voice', seconds: 4, seed: 2 },
  'time-management/narration.wav': { kind: 'voice', seconds: 4, seed: 3 },
  'new-manager-transition/narration.wav': { kind: 'voice', seconds: 4, seed: 4 },
  'spin-selling/narration.wav': { kind: 'voice', seconds: 4, seed: 5 },
  'data-privacy/narration.wav': { kind: 'voice', seconds: 4, seed: 6 },
};

/** Writes every file of DEMO_MEDIA under `folder`; returns the paths written. */
export function writeDemoMedia(folder: string): string[] {
  return Object.entries(DEMO_MEDIA).map(([file, spec]) => {
    const full = path.join(folder, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, renderMedia(spec));
    return full;
  });
}

export const DEMO_CONTENT_DIR = path.resolve(__dirname, '../../content/demo');

if (require.main === module) {
  const written = writeDemoMedia(path.resolve(process.argv[2] ?? DEMO_CONTENT_DIR));
  console.log(`已生成 ${written.length} 个媒体文件`);
}
