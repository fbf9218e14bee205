// Settings: parsed once by the CLI, handed to Playwright's processes in one variable, read back
// by the same module there.
export * from './settings';
export { signingFromEnv, DEFAULT_REGION } from './credentials';
export { policyOf, recorderOf } from './recorder';
