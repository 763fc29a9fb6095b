// Configuration is checked once, with one readable error, instead of failing somewhere later.
export class ConfigError extends Error {}

export function checkConfig(env: Env): void {
  const problems: string[] = [];
  if (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32)
    problems.push("SESSION_SECRET must be set to a random string of at least 32 characters (wrangler secret put SESSION_SECRET)");
  if (!env.MAIL_FROM) problems.push("MAIL_FROM must be set in wrangler.toml [vars]");
  if (!URL.canParse(env.APP_URL ?? ""))
    problems.push("APP_URL must be the app's address, e.g. https://wijkonderhoud.example (wrangler.toml [vars])");
  if (problems.length) throw new ConfigError(`Wijkonderhoud is not configured: ${problems.join("; ")}.`);
}
