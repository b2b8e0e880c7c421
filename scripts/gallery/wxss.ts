/**
 * WXSS as a browser reads it, for the page gallery (scripts/gallery.ts). miniprogram-simulate renders a
 * component's classes with the component's tag as a prefix (`.card` in a page is `main--card`, in TDesign's
 * tag `t-tag--t-tag`) and built-in elements as `wx-view`, `wx-text`…; this turns one component's WXSS into CSS
 * for that rendering: imports inlined, class selectors prefixed, element selectors renamed, `page` as the
 * document body, and rpx in px at the gallery's 375 px width (750 rpx = the screen's width:
 * https://developers.weixin.qq.com/miniprogram/dev/framework/view/wxss.html).
 */
import fs from 'node:fs';
import path from 'node:path';

/** px per rpx at 375 px wide. */
const RPX = 375 / 750;

const BUILT_INS = [
  'view',
  'text',
  'image',
  'button',
  'input',
  'textarea',
  'scroll-view',
  'swiper',
  'swiper-item',
  'icon',
  'navigator',
  'picker',
  'picker-view',
  'label',
  'rich-text',
  'switch',
  'slider',
  'radio',
  'radio-group',
  'checkbox',
  'checkbox-group',
  'form',
  'canvas',
  'video',
  'audio',
  'web-view',
  'movable-area',
  'movable-view',
  'progress',
  'editor',
  'cover-view',
  'cover-image',
  'block',
];
const ELEMENT = new RegExp(`(^|[\\s>+~,(])(${BUILT_INS.map((tag) => tag.replace('-', '\\-')).join('|')})(?![\\w-])`, 'g');

interface Block {
  /** The selector or at-rule prelude. */
  head: string;
  /** Declarations (a rule) or nested blocks (@media, @supports). */
  body: string | Block[];
}

function stripComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '');
}

/** Splits CSS text into top-level blocks and the @import statements among them. */
function parse(css: string): { imports: string[]; blocks: Block[] } {
  const imports: string[] = [];
  const blocks: Block[] = [];
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    const semicolon = css.indexOf(';', i);
    if (semicolon !== -1 && (open === -1 || semicolon < open)) {
      const statement = css.slice(i, semicolon).trim();
      const target = /^@import\s+(?:url\()?['"]([^'"]+)['"]\)?/.exec(statement);
      if (target?.[1]) imports.push(target[1]);
      i = semicolon + 1;
      continue;
    }
    if (open === -1) break;
    let depth = 1;
    let j = open + 1;
    while (j < css.length && depth > 0) {
      if (css[j] === '{') depth += 1;
      else if (css[j] === '}') depth -= 1;
      j += 1;
    }
    const head = css.slice(i, open).trim();
    const inner = css.slice(open + 1, j - 1);
    const nested = /^@(media|supports)/.test(head);
    blocks.push({ head, body: nested ? parse(inner).blocks : inner });
    i = j;
  }
  return { imports, blocks };
}

function rpxToPx(text: string): string {
  return text.replace(/(-?\d*\.?\d+)rpx/g, (_, n: string) => `${Number((Number(n) * RPX).toFixed(3))}px`);
}

function selector(head: string, prefix: string): string {
  return head
    .split(',')
    .map((part) => {
      let s = part.trim();
      if (s === 'page' || s.startsWith('page ') || s.startsWith('page:') || s.startsWith('page.')) s = `body${s.slice(4)}`;
      // Virtual hosts have no element of their own in this rendering.
      s = s.replace(/:host(\([^)]*\))?/g, `.${prefix}--host`);
      s = s.replace(/\.(-?[_a-zA-Z][\w-]*)/g, (_, name: string) => `.${prefix}--${name}`);
      s = s.replace(ELEMENT, (_, before: string, tag: string) => `${before}wx-${tag}`);
      return s;
    })
    .join(', ');
}

function emit(blocks: Block[], prefix: string): string {
  return blocks
    .map((block) => {
      if (Array.isArray(block.body)) return `${block.head} {\n${emit(block.body, prefix)}\n}`;
      if (block.head.startsWith('@')) return `${block.head} {${rpxToPx(block.body)}}`;
      return `${selector(block.head, prefix)} {${rpxToPx(block.body)}}`;
    })
    .join('\n');
}

/** The CSS of one WXSS file (its imports inlined first) for a component rendered with `prefix`. */
export function wxssToCss(file: string, prefix: string, seen = new Set<string>()): string {
  if (seen.has(file) || !fs.existsSync(file)) return '';
  seen.add(file);
  const { imports, blocks } = parse(stripComments(fs.readFileSync(file, 'utf8')));
  const imported = imports.map((target) => wxssToCss(path.resolve(path.dirname(file), target.endsWith('.wxss') ? target : `${target}.wxss`), prefix, seen));
  return [...imported, emit(blocks, prefix)].join('\n');
}
