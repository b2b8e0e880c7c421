/** The gallery's render run (scripts/gallery.ts starts it): the mini-program test project's set-up, with ./setup.ts's wx. */
const path = require('node:path');
// Modules resolve as in the mini-program tests (TDesign's and uCharts' npm builds).
const { moduleNameMapper } = require('../../jest.config.js').projects.find((project) => project.displayName === 'miniprogram');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  testEnvironment: 'jsdom',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  moduleNameMapper,
  testMatch: ['<rootDir>/scripts/gallery/render.gallery.ts'],
  setupFilesAfterEnv: ['<rootDir>/scripts/gallery/setup.ts'],
  forceExit: true,
};
