/**
 * exceljs, loaded only by the actions that write or read a spreadsheet. It is about 2.5 MB of bundled code,
 * ten times everything else in a function, and most actions of the functions that export never touch it:
 * parsing it on every cold start would slow every page for the sake of one button.
 *
 * This `require` is the only place the server loads exceljs (any other import of it fails the build,
 * scripts/build.ts). The build ships exceljs as its own file next to the bundle
 * (`cloudfunctions/<name>/lib/exceljs.js`, uploaded with the function folder) and points this require at
 * that file; it runs the first time an action calls loadExcel, and Node caches it for the instance.
 * A require, not `import()`: esbuild keeps an external `import()` as is, which jest cannot run.
 * Types stay available everywhere through `import type`.
 */
import type ExcelJS from 'exceljs';

export type Excel = typeof ExcelJS;

export function loadExcel(): Excel {
  return require('exceljs') as Excel;
}
