/**
 * Projects: unit (pure, offline, seconds); integration (real DynamoDB Local + fauxqs); faults (fault injection on the
 * local stack); browser (the dashboard in headless Chromium).
 */
const transform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
};
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      setupFiles: ['<rootDir>/local/node-support.ts'],
      roots: ['<rootDir>/test/unit'],
      transform,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      setupFiles: ['<rootDir>/local/node-support.ts'],
      roots: ['<rootDir>/test/integration'],
      transform,
      testTimeout: 120000,
    },
    {
      displayName: 'faults',
      testEnvironment: 'node',
      setupFiles: ['<rootDir>/local/node-support.ts'],
      roots: ['<rootDir>/test/faults'],
      transform,
      testTimeout: 180000,
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      setupFiles: ['<rootDir>/local/node-support.ts'],
      roots: ['<rootDir>/test/browser'],
      transform,
      testTimeout: 180000,
    },
  ],
};
