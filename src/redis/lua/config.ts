// fengari reads its build options from process.env.FENGARICONF when it first loads. Floats with an
// integral value print without ".0" (tostring(2.0) == "2"), as numbers print in Redis's Lua 5.1.
// In the browser, vite.config.ts defines the same expression (there is no process there).
export const FENGARI_CONFIG = { LUA_COMPAT_FLOATSTRING: true };

if (typeof process !== 'undefined' && process.env.FENGARICONF === undefined) {
  process.env.FENGARICONF = JSON.stringify(FENGARI_CONFIG);
}
