/**
 * Style rules that live in one place, app.wxss: colours are theme tokens (every other WXSS uses var(--…)
 * instead of a literal hex colour, and the few colours canvas code needs, miniprogram/utils/theme.ts, equal
 * their tokens); buttons have one look; and no page or component draws WeChat's raw <picker>, <input> or
 * <textarea>: choices and fields are the kit's (components/picker-field, form-field, text-area, on TDesign).
 */
import fs from 'node:fs';
import path from 'node:path';
import { THEME, THEME_TOKENS } from '../../miniprogram/utils/theme';
import { filesUnder, relativePosix } from '../helpers/files';

const ROOT = path.join(__dirname, '../../miniprogram');
const THEME_FILE = 'app.wxss';

/**
 * WXSS files allowed a literal hex colour, each with its reason. Empty today; add an entry only with a reason
 * a reviewer can check (for example a colour taken from a brand guideline that must never follow the theme).
 */
const ALLOWED: Record<string, string> = {};

const filesEndingWith = (extension: string): string[] => filesUnder(ROOT, extension, ['miniprogram_npm']).map((file) => relativePosix(ROOT, file));
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** `file:line  text` for each literal hex colour in `source` (comments are skipped). */
function hexColours(file: string, source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  return withoutComments.split('\n').flatMap((line, index) => (/#[0-9a-fA-F]{3,8}\b/.test(line) ? [`${file}:${index + 1}  ${line.trim()}`] : []));
}

/** The custom properties app.wxss declares, name to value. */
function themeTokens(): Map<string, string> {
  const source = fs.readFileSync(path.join(ROOT, THEME_FILE), 'utf8');
  return new Map([...source.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((match) => [match[1], match[2].trim()]));
}

test('no WXSS outside app.wxss writes a literal hex colour', () => {
  const found = filesEndingWith('.wxss')
    .filter((file) => file !== THEME_FILE && !(file in ALLOWED))
    .flatMap((file) => hexColours(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
  expect(found).toEqual([]);
});

test('the check finds a hex colour and ignores one in a comment', () => {
  expect(hexColours('x.wxss', '/* #0052d9 */\n.a { color: #0052D9; }\n.b { color: var(--td-brand-color); }')).toEqual(['x.wxss:2  .a { color: #0052D9; }']);
});

test('every allow-listed file exists and says why', () => {
  for (const [file, reason] of Object.entries(ALLOWED)) {
    expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
    expect(reason.trim()).not.toBe('');
  }
});

test('every var(--…) a WXSS uses is declared in app.wxss', () => {
  const declared = themeTokens();
  const undeclared = filesEndingWith('.wxss').flatMap((file) =>
    [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/var\((--[\w-]+)\)/g)]
      .map((match) => match[1])
      .filter((name) => !declared.has(name))
      .map((name) => `${file}: ${name}`),
  );
  expect(undeclared).toEqual([]);
});

test('the canvas colours equal their tokens', () => {
  const declared = themeTokens();
  for (const key of Object.keys(THEME) as (keyof typeof THEME)[]) {
    expect([key, declared.get(THEME_TOKENS[key])]).toEqual([key, THEME[key]]);
  }
});

test('no WXML draws a raw <picker>, <input> or <textarea>: choices and fields go through the kit', () => {
  const raw = filesEndingWith('.wxml').flatMap((file) =>
    read(file)
      .split('\n')
      .flatMap((line, index) => (/<(picker|input|textarea)[\s/>]/.test(line) ? [`${file}:${index + 1}  ${line.trim()}`] : [])),
  );
  expect(raw).toEqual([]);
});

/** t-buttons exempt from the button rule, each with its reason. */
const BUTTON_EXCEPTIONS: Record<string, string> = {
  'packageCourse/course/index.wxml audio-toggle': 'the round play/pause control of the audio player, not a form or row action',
};

test('every t-button is a block button (a pair of them with .half) or a small inline one', () => {
  const offending = filesEndingWith('.wxml').flatMap((file) =>
    [...read(file).matchAll(/<t-button\b([^>]*)>/g)].flatMap((match) => {
      const attributes = match[1];
      const className = /\bclass="([^"]*)"/.exec(attributes)?.[1] ?? '';
      const key = `${file} ${className.split(/\s+/)[0]}`;
      if (key in BUTTON_EXCEPTIONS) return [];
      const block = /\sblock(\s|=|$)/.test(attributes);
      const small = /\ssize="small"/.test(attributes);
      if (small && !block) return [];
      if (block && !small) return [];
      return [`${key}: ${block ? 'block and small' : 'neither block nor small'}`];
    }),
  );
  expect(offending).toEqual([]);
});
