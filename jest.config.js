/** Unit tests (pure, offline, seconds) and integration tests (real DynamoDB Local + fauxqs) run as separate projects. */
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
  ],
};
