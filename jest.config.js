/** Two projects: the backend and local cloud run in Node; mini-program pages run in jsdom via miniprogram-simulate. */
const transform = { '^.+\\.(t|j)s$': ['@swc/jest'] };
module.exports = {
  // A leaked handle (a worker or socket a test forgot) must fail loudly in review, never hang CI.
  forceExit: true,
  // One worker per core. Jest's default is one fewer than the cores, which on a 2-core machine means a single
  // worker, and a single worker runs every file in band on one core (jest-config getMaxWorkers,
  // @jest/core testSchedulerHelper). Files running side by side share nothing: each starts its own local cloud
  // on its own port and temporary data folder (test/helpers/local-cloud.ts).
  maxWorkers: '100%',
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      transform,
      // marked ships only an ES module at its main entry; jest's CommonJS loader takes its UMD build.
      moduleNameMapper: { '^marked$': '<rootDir>/node_modules/marked/lib/marked.umd.js' },
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/test/miniprogram/'],
      // Unindexed queries on large collections fail the file (test/helpers/setup-node.ts).
      setupFilesAfterEnv: ['<rootDir>/test/helpers/setup-node.ts'],
      // One Chromium for the run, launched when a console test first asks for it (test/helpers/browser-broker.ts).
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      transform,
      // uCharts and TDesign ship ES modules; pages get them as WeChat does, from the npm build
      // (scripts/build-miniprogram-npm.ts).
      moduleNameMapper: {
        '^@qiun/ucharts$': '<rootDir>/miniprogram/miniprogram_npm/@qiun/ucharts/index.js',
        '^tdesign-miniprogram/(.*)$': '<rootDir>/miniprogram/miniprogram_npm/tdesign-miniprogram/$1',
      },
      testMatch: ['<rootDir>/test/miniprogram/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/miniprogram/setup.ts'],
    },
  ],
};
