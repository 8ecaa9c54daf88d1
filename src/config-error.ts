// A setting the service cannot start with, as one line naming it and the fix. Apart from config.ts, so that opening a
// store does not load the validator config.ts checks the environment with, 300 modules: a test process builds
// hundreds of apps from configurations it writes itself, and reads no environment.
export class ConfigError extends Error {
  override name = 'ConfigError'
}
