/** The gallery's render run (scripts/gallery.ts starts it): the mini-program test project's set-up, with ./setup.ts's wx. */
const path = require('node:path');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  testEnvironment: 'jsdom',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  moduleNameMapper: { '^@qiun/ucharts$': '<rootDir>/miniprogram/miniprogram_npm/@qiun/ucharts/index.js' },
  testMatch: ['<rootDir>/scripts/gallery/render.gallery.ts'],
  setupFilesAfterEnv: ['<rootDir>/scripts/gallery/setup.ts'],
  forceExit: true,
};
