/**
 * Loads and renders mini-program pages and components with miniprogram-simulate and the official WXML
 * compiler. Each load happens inside jest.isolateModules, so every test gets fresh page modules, a fresh
 * transport/config, and a fresh simulate (a component otherwise loads once per test file).
 * TDesign components (`tdesign-miniprogram/...` paths, resolved by WeChat inside miniprogram_npm) are
 * registered first and handed to simulate by tag, since simulate itself only resolves file paths.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppConfig } from '../../miniprogram/config';
import { filesUnder } from '../helpers/files';
import { wxStub } from './wx-stub';
export { wxStub };
export { page } from '../helpers/backend';

type Simulate = typeof import('miniprogram-simulate');
export type RenderedComponent = ReturnType<Simulate['render']>;

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');
const NPM_PREFIX = 'tdesign-miniprogram/';
const TDESIGN_ROOT = path.join(MINIPROGRAM_ROOT, 'miniprogram_npm', 'tdesign-miniprogram');

const walk = filesUnder;

const relativeTo = (root: string, files: string[]): string[] => files.map((file) => path.relative(root, file).split(path.sep).join('/'));

/** Tag → TDesign component path (without extension) used anywhere in the app's own JSON files. */
function tdesignComponentsInUse(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of walk(MINIPROGRAM_ROOT, '.json', ['miniprogram_npm'])) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> };
    for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
      if (target.startsWith(NPM_PREFIX)) used.set(tag, target.slice(NPM_PREFIX.length));
    }
  }
  return used;
}

/**
 * The TDesign components in use and the TDesign components they use in turn, each after the ones it uses
 * (t-button before t-dialog), as [tag, path]: a component another uses goes by the tag the app gives it, else by
 * the tag its user gives it (t-overlay inside t-popup).
 */
function dependenciesFirst(used: Map<string, string>): [string, string][] {
  const tagOf = new Map([...used].map(([tag, target]) => [target, tag]));
  const ordered: [string, string][] = [];
  const placed = new Set<string>();
  const place = (target: string, tag: string) => {
    if (placed.has(target)) return;
    placed.add(target);
    const json = JSON.parse(fs.readFileSync(path.join(TDESIGN_ROOT, `${target}.json`), 'utf8')) as { usingComponents?: Record<string, string> };
    for (const [dependencyTag, dependency] of Object.entries(json.usingComponents ?? {})) {
      const dependencyTarget = path.posix.join(path.posix.dirname(target), dependency);
      place(dependencyTarget, tagOf.get(dependencyTarget) ?? dependencyTag);
    }
    ordered.push([tag, target]);
  };
  for (const [tag, target] of used) place(target, tag);
  const tags = new Set(ordered.map(([tag]) => tag));
  if (tags.size !== ordered.length) throw new Error('one tag names two TDesign components');
  return ordered;
}

export interface LoadOptions {
  /** Changes to miniprogram/config.ts for this load (e.g. `{ mode: 'cloud' }`). */
  config?: Partial<AppConfig>;
  /** Components by tag, in addition to TDesign's (the gallery draws built-ins such as `wx-input` with its own). */
  usingComponents?: Record<string, string>;
  /** Whether wxStub().modalAnswers answer the page's confirm dialog (default yes; the gallery leaves it open). */
  answerDialogs?: boolean;
}

export interface Loaded {
  simulate: Simulate;
  /** Requires a mini-program module from the same isolated registry as the page (e.g. 'services/transport'). */
  requireModule<T>(relativePath: string): T;
  render(properties?: Record<string, unknown>): RenderedComponent;
}

interface Shared {
  simulate: Simulate;
  /** Tag → registered TDesign component id (and any built-in stand-in), handed to every load. */
  tdesign: Record<string, string>;
  compilerOptions: { wxmlList: string[]; maxBuffer: number };
}

let shared: Shared | undefined;

/** Stand-ins for WeChat's built-in elements inside every load, TDesign's included; the page tests use none. */
let builtInStandIns: ((simulate: Simulate) => Record<string, string>) | undefined;

/**
 * Draws built-in elements (`input`, `image`…) with the components `make` registers, in the pages and inside
 * TDesign's components alike (a t-input's own `<input>`): for the gallery (scripts/gallery/render.gallery.ts),
 * whose pictures need the values simulate's bare built-ins drop. Call it before the first load of a file.
 */
export function useBuiltInStandIns(make: (simulate: Simulate) => Record<string, string>): void {
  if (shared) throw new Error('built-in stand-ins must be set before the first load');
  builtInStandIns = make;
}

/**
 * Compiled templates and styles, by a hash of their sources and the compiler's version, in the system's
 * temporary folder: every test file used to run wcc over the whole app and postcss + csso over every
 * component's WXSS again (about a fifth of a page file's CPU). Written under a private name, then renamed, so
 * parallel workers never read half a file; an entry never goes stale, since its name covers all it was made from.
 */
const CACHE_DIR = path.join(os.tmpdir(), 'weike-simulate-cache');
const memory = new Map<string, string>();

function cached(kind: string, parts: readonly string[], make: () => string): string {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  const file = path.join(CACHE_DIR, `${kind}-${hash.digest('hex')}`);
  const known = memory.get(file) ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
  if (known !== undefined) {
    memory.set(file, known);
    return known;
  }
  const made = make();
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, made);
  fs.renameSync(partial, file);
  memory.set(file, made);
  return made;
}

type WxssModule = { compile(source: string, options?: { prefix?: string; less?: boolean }): string };
type CompilerModule = { wxmlToJs(rootPath: string, options?: { wxmlList?: string[]; wxsList?: string[] }): string };

/**
 * Puts `cached` in front of simulate's WXSS compiler (miniprogram-simulate/src/wxss.js, called for every
 * component of every load) and of wcc (miniprogram-compiler, run once per test file). Both are the modules
 * simulate itself required, so it calls the cached versions.
 */
function cacheCompilers(): void {
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  const wxss = require('miniprogram-simulate/src/wxss') as WxssModule;
  const compileWxss = wxss.compile;
  const simulateVersion = version('miniprogram-simulate');
  wxss.compile = (source, options = {}) =>
    options.less ? compileWxss(source, options) : cached('wxss', [simulateVersion, options.prefix ?? '', source], () => compileWxss(source, options));

  const compiler = require('miniprogram-compiler') as CompilerModule;
  const wxmlToJs = compiler.wxmlToJs;
  const compilerVersion = version('miniprogram-compiler');
  compiler.wxmlToJs = (rootPath, options = {}) => {
    if (!options.wxmlList || options.wxsList) return wxmlToJs(rootPath, options);
    // wcc reads the listed templates and every .wxs under the root (miniprogram-compiler globs them).
    const sources = [...options.wxmlList, ...relativeTo(rootPath, walk(rootPath, '.wxs', ['node_modules'])).sort()].map(
      (file) => `${file}\0${fs.readFileSync(path.join(rootPath, file), 'utf8')}`,
    );
    return cached('wcc', [compilerVersion, rootPath, ...sources], () => wxmlToJs(rootPath, options));
  };
}

type Definition = { id: string; path: string; relations?: Record<string, { target?: string }> };
type JComponentModule = { register(definition: Definition): unknown };

/**
 * Lets components related across separate loads find each other (t-tabs and its t-tab-panel children, t-picker
 * and its t-picker-item columns). simulate turns a relation's path into the related component's id only when
 * both register in the same `load` (miniprogram-simulate/src/index.js, `pathToIdMap`), but each TDesign
 * component loads on its own, so t-tabs never linked its panels and drew no tab items. This resolves every
 * relation path left over against all components registered so far, and holds a definition back until the
 * components its relations name have registered (the two sides of a relation name each other). `flush`, once
 * every component has loaded, registers what still waits for a component nobody uses (t-cell's t-cell-group)
 * with that relation unresolved, as simulate alone would.
 */
function linkRelationsAcrossLoads(): { flush(): void; registered(id: string): boolean } {
  const jComponent = require('j-component') as JComponentModule;
  const register = jComponent.register.bind(jComponent);
  const idByPath = new Map<string, string>();
  let waiting: Definition[] = [];
  const unresolved = (definition: Definition) => Object.keys(definition.relations ?? {}).filter((key) => key.includes('/'));
  const resolve = (definition: Definition, partly: boolean): boolean => {
    const relations = definition.relations ?? {};
    for (const key of unresolved(definition)) {
      const id = idByPath.get(path.join(path.dirname(definition.path), key));
      if (!id && partly) continue;
      if (!id) return false;
      relations[id] = { ...relations[key], target: id };
      delete relations[key];
    }
    return true;
  };
  const registerWaiting = () => {
    const held = waiting;
    waiting = [];
    for (const other of held) jComponent.register(other);
  };
  const ids = new Set<string>();
  jComponent.register = (definition) => {
    ids.add(definition.id);
    idByPath.set(definition.path, definition.id);
    if (!resolve(definition, false)) {
      waiting.push(definition);
      return undefined;
    }
    const result = register(definition);
    registerWaiting();
    return result;
  };
  return {
    registered: (id) => ids.has(id),
    flush() {
      const held = waiting;
      waiting = [];
      for (const definition of held) {
        resolve(definition, true);
        register(definition);
      }
    },
  };
}

/**
 * simulate and the TDesign components load once per test file; everything compiles in one wcc run rooted at
 * miniprogram/ (simulate caches that run, and the generated template code keeps global state per run).
 */
function sharedSetup(): Shared {
  if (shared) return shared;
  if (!fs.existsSync(TDESIGN_ROOT)) {
    throw new Error('miniprogram/miniprogram_npm is missing: run `tsx scripts/build-miniprogram-npm.ts` first');
  }
  const simulate = require('miniprogram-simulate') as Simulate;
  cacheCompilers();
  const relations = linkRelationsAcrossLoads();
  const used = tdesignComponentsInUse();
  const wxmlList = [
    ...relativeTo(MINIPROGRAM_ROOT, walk(MINIPROGRAM_ROOT, '.wxml', ['miniprogram_npm'])),
    // Each TDesign component's folder whole: a template may include a sibling (t-picker's ./template.wxml).
    ...[...new Set([...used.values()].map((target) => path.posix.dirname(target)))].flatMap((folder) =>
      relativeTo(MINIPROGRAM_ROOT, walk(path.join(TDESIGN_ROOT, folder), '.wxml')),
    ),
    // Templates TDesign imports (<import src="../common/template/...">) must be in the same run.
    ...relativeTo(MINIPROGRAM_ROOT, walk(path.join(TDESIGN_ROOT, 'common'), '.wxml')),
  ];
  // wcc writes the compiled templates of the whole app to stdout: more than the compiler's 1 MB default buffer.
  const compilerOptions = { wxmlList, maxBuffer: 64 * 1024 * 1024 };
  // Every TDesign component registers once, under one id, which the components that use it are handed too
  // (t-dialog's t-button, t-date-time-picker's t-picker and t-picker-item): simulate runs a component's script with
  // `require`, then deletes it from `require.cache` so that the next load runs it again
  // (miniprogram-simulate/src/utils.js, runJs), but jest's module registry ignores `require.cache`, so a script
  // runs once per test file. A component that an earlier load had already run never registered under a later
  // load's id and its tag drew as an unknown element without its template (#13). So each loads once, after the
  // components it uses, and is handed their ids (simulate's `usingComponents` option reaches every component of
  // a load); related components (t-picker and t-picker-item) then also link to the one copy the pages use.
  const builtIns = builtInStandIns?.(simulate) ?? {};
  const tdesign: Record<string, string> = {};
  for (const [tag, target] of dependenciesFirst(used)) {
    tdesign[tag] = simulate.load(path.join(TDESIGN_ROOT, target), tag, {
      rootPath: MINIPROGRAM_ROOT,
      compilerOptions,
      usingComponents: { ...builtIns, ...tdesign },
    });
  }
  relations.flush();
  const missing = Object.keys(tdesign).filter((tag) => !relations.registered(tdesign[tag]!));
  if (missing.length > 0) throw new Error(`TDesign components that did not register: ${missing.join(', ')}`);
  shared = { simulate, tdesign: { ...builtIns, ...tdesign }, compilerOptions };
  return shared;
}

/**
 * Loads a page or component (path relative to miniprogram/, without extension). Its modules (and the
 * services and config they import) load afresh inside jest.isolateModules, so every load is independent.
 */
export function loadComponent(componentPath: string, options: LoadOptions = {}): Loaded {
  const { simulate, tdesign, compilerOptions } = sharedSetup();
  let loaded: Loaded | undefined;
  jest.isolateModules(() => {
    const requireModule = <T>(relativePath: string): T => require(path.join(MINIPROGRAM_ROOT, relativePath)) as T;
    Object.assign(requireModule<{ config: AppConfig }>('config').config, options.config ?? {});
    const id = simulate.load(path.join(MINIPROGRAM_ROOT, componentPath), {
      rootPath: MINIPROGRAM_ROOT,
      compilerOptions,
      usingComponents: { ...tdesign, ...options.usingComponents },
    });
    loaded = {
      simulate,
      requireModule,
      render(properties) {
        const component = simulate.render(id, properties);
        component.attach(document.createElement('parent-wrapper'));
        openedPages().push(component.instance);
        if (options.answerDialogs !== false) answerConfirmDialogs(simulate, component);
        return component;
      },
    };
  });
  if (!loaded) throw new Error(`could not load ${componentPath}`);
  return loaded;
}

/**
 * What getCurrentPages() answers in tests (test/miniprogram/setup.ts): everything rendered in this test, the
 * latest in front, as WeChat's page stack has the page on screen last.
 */
export function openedPages(): unknown[] {
  const holder = globalThis as unknown as { __weikeOpenedPages?: unknown[] };
  holder.__weikeOpenedPages ??= [];
  return holder.__weikeOpenedPages;
}

interface DialogInstance {
  setData(data: Record<string, unknown>, callback?: () => void): void;
}

/**
 * The user at TDesign's confirm dialog (`<t-dialog id="t-dialog" />`, opened by utils/ui.ts confirmModal): when
 * it opens, the title and text it shows go to wxStub().modals and the next of wxStub().modalAnswers taps its
 * confirm (true) or cancel (false) button. A dialog no answer was queued for fails the test (through the
 * console guard) and is cancelled.
 */
function answerConfirmDialogs(simulate: Simulate, rendered: RenderedComponent): void {
  const dialog = rendered.querySelector('#t-dialog');
  if (!dialog) return;
  const instance = dialog.instance as unknown as DialogInstance;
  const setData = instance.setData.bind(instance);
  instance.setData = (data, callback) => {
    setData(data, callback);
    if (data.visible !== true) return;
    setTimeout(() => {
      const stub = wxStub();
      const shown = { title: text(dialog.querySelector('.t-dialog__header')), content: text(dialog.querySelector('.t-dialog__body-text')) };
      stub.modals.push(shown);
      const confirm = stub.modalAnswers.shift();
      if (confirm === undefined) console.error(`unexpected confirm dialog: ${shown.title} ${shown.content}`);
      const button = dialog.querySelector(confirm ? '.t-dialog__button--confirm' : '.t-dialog__button--cancel');
      if (!button) throw new Error('the confirm dialog shows no button to answer with');
      void tap(simulate, button);
    }, 0);
  };
}

/** Lets queued timers (the stubbed wx answers) and the re-render after setData run. */
export async function settle(simulate: Simulate, rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await simulate.sleep(0);
}

/**
 * Taps an element. A TDesign button or switch renders as a virtual host (no DOM node of its own) around the
 * element that catches the tap (a native button, the switch's track), so the tap goes to that inner element.
 */
export async function tap(simulate: Simulate, target: RenderedComponent): Promise<void> {
  const receiver = target.dom ? target : (target.querySelector('.t-button') ?? target.querySelector('.t-switch'));
  if (!receiver?.dom) throw new Error('tap: the target has no element to tap');
  receiver.dispatchEvent('tap');
  await settle(simulate);
}

/**
 * The items of a TDesign t-tabs (found by `selector`, e.g. its id): what a user sees and taps. They live
 * inside the t-tabs component, out of reach of the page's own querySelectorAll.
 */
export function tabItems(rendered: RenderedComponent, selector = '#tabs'): RenderedComponent[] {
  const tabs = rendered.querySelector(selector);
  if (!tabs) throw new Error(`no tabs ${selector}`);
  return tabs.querySelectorAll('.t-tabs__item');
}

/** The label of the active item of a t-tabs. */
export const activeTab = (rendered: RenderedComponent, selector = '#tabs'): string =>
  text(rendered.querySelector(selector)?.querySelector('.t-tabs__item--active'));

/** Taps the `index`-th item of a t-tabs, as a user switching tabs (t-tabs then emits its change event). */
export async function switchTab(simulate: Simulate, rendered: RenderedComponent, index: number, selector = '#tabs'): Promise<void> {
  const item = tabItems(rendered, selector)[index];
  if (!item) throw new Error(`no tab #${index} in ${selector}`);
  await tap(simulate, item);
}

/** The element matching `selector` inside the list-status component (id "status") of a page. */
export function inStatus(page: RenderedComponent, selector: string): RenderedComponent | undefined {
  return page.querySelector('#status')?.querySelector(selector);
}

/** An element's text with runs of whitespace (template line breaks) as one space. */
export const text = (component: RenderedComponent | undefined): string => component?.dom?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

export const texts = (components: RenderedComponent[]): string[] => components.map(text);

/** Loads a page, runs its onLoad with `query` as WeChat would, and lets its first answers render. */
export async function openPage(pagePath: string, query: Record<string, string> = {}) {
  const loaded = loadComponent(pagePath);
  const rendered = loaded.render();
  await (rendered.instance as unknown as { onLoad(query?: Record<string, string>): Promise<void> }).onLoad(query);
  await settle(loaded.simulate);
  return { ...loaded, page: rendered };
}

/**
 * The native control inside a kit field (components/form-field, components/text-area): typing reaches the
 * page as it does in WeChat, through TDesign's t-input / t-textarea and the kit's change event.
 */
function nativeControl(target: RenderedComponent): RenderedComponent | undefined {
  const field = target.querySelector('.form-field-input') ?? target.querySelector('.text-area-input');
  return field?.querySelector('.t-input__control') ?? field?.querySelector('.t-textarea__wrapper-inner') ?? undefined;
}

/**
 * The error a kit field shows under itself (form-field's t-input tips, text-area's and picker-field's message
 * line), '' when none: the field matching `selector` inside `rendered`.
 */
export function fieldError(rendered: RenderedComponent, selector: string): string {
  const field = rendered.querySelector(selector);
  if (!field) throw new Error(`no ${selector}`);
  const line =
    field.querySelector('.text-area-message') ??
    field.querySelector('.picker-field-message') ??
    field.querySelector('.form-field-input')?.querySelector('.t-input__tips');
  return text(line);
}

/** The wheel values a picker-field's picker shows for `value`: the option, or a date's year, month (from 0) and day, or a time's hour and minute. */
function wheelValues(mode: string, value: string): string[] {
  if (mode === 'options') return [value];
  const parts = value.split(/[-:]/).map(Number);
  if (mode === 'date') return [parts[0], parts[1]! - 1, parts[2]].map(String);
  return parts.map(String);
}

/**
 * Picks in the kit's picker-field `field` as a user does: taps its row, taps the wanted item in each column of
 * the TDesign picker that opens (t-picker's one column of options; t-date-time-picker's year, month and day, or
 * hour and minute, whose later columns follow the earlier ones), then 确定. `choice`: an option's position or
 * value, a YYYY-MM-DD day or an HH:mm time.
 */
export async function pick(simulate: Simulate, field: RenderedComponent | undefined, choice: number | string): Promise<void> {
  if (!field) throw new Error('pick: no such picker-field');
  const { mode, options } = field.data as { mode: string; options: { value: string }[] };
  const value = typeof choice === 'number' ? options[choice]?.value : choice;
  if (value === undefined) throw new Error(`pick: no option #${choice}`);
  field.querySelector('.picker-field-cell')!.dispatchEvent('tap');
  await settle(simulate);
  const picker = field.querySelector('.picker-field-picker');
  if (!picker) throw new Error('pick: the picker did not open');
  // t-date-time-picker draws its own t-picker; the options' t-picker is the field's.
  const wheel = mode === 'options' ? picker : picker.querySelector('.t-date-time-picker')!;
  const columns = () => (mode === 'options' ? field.querySelectorAll('.picker-field-column') : picker.querySelectorAll('.t-date-time-picker__item'));
  for (const [index, wanted] of wheelValues(mode, value).entries()) {
    const column = columns()[index]!;
    const shown = (column.instance as unknown as { data: { visibleOptions: { value: string }[] } }).data.visibleOptions;
    const at = shown.findIndex((option) => option.value === wanted);
    if (at < 0) throw new Error(`pick: ${value} is not on the picker (column ${index})`);
    column.querySelectorAll('.t-picker-item__item')[at]!.dispatchEvent('tap');
    await settle(simulate);
  }
  wheel.querySelector('.t-picker__confirm')!.dispatchEvent('tap');
  await settle(simulate);
}

/** What a user types into: the native control of a kit field, or `target` itself (a native input). */
export function fieldTarget(target: RenderedComponent): RenderedComponent {
  return nativeControl(target) ?? target;
}

/** Fires `event` (an input by default) with `value` on `target`, as a user typing or picking would. */
export async function input(simulate: Simulate, target: RenderedComponent | undefined, value: string | boolean | number, event = 'input'): Promise<void> {
  if (!target) throw new Error('input: no such element');
  const receiver = event === 'input' ? fieldTarget(target) : target;
  // A TDesign control is a virtual host (t-switch: no element of its own): it reaches the page by its own triggerEvent.
  if (receiver.dom) receiver.dispatchEvent(event, { detail: { value } });
  else (receiver.instance as unknown as { triggerEvent(name: string, detail: unknown): void }).triggerEvent(event, { value });
  await settle(simulate);
}

/** Types `value` into the element matching `selector` inside `rendered`. */
export async function typeInto(simulate: Simulate, rendered: RenderedComponent, selector: string, value: string): Promise<void> {
  const target = rendered.querySelector(selector);
  if (!target) throw new Error(`no ${selector}`);
  await input(simulate, target, value);
}

/** Types into the `index`-th field matching `selector` (rows of a form). */
export async function typeAt(simulate: Simulate, rendered: RenderedComponent, selector: string, index: number, value: string): Promise<void> {
  const target = rendered.querySelectorAll(selector)[index];
  if (!target) throw new Error(`no ${selector} #${index}`);
  await input(simulate, target, value);
}
