/**
 * `deno task test:postgres`: the whole test suite again, on a real PostgreSQL 15 set up like
 * Supabase. `.ci/postgres.sh` installs and starts it (Debian packages, the vendored extensions,
 * Supabase's own setup SQL; needs root) unless `TEST_DATABASE_URL` already points at one.
 * Arguments are passed to `deno test` (a file or folder to run only part of it).
 */
const root = new URL("../../", import.meta.url);
const env: Record<string, string> = {};

if (!Deno.env.get("TEST_DATABASE_URL")) {
  const setup = await new Deno.Command("bash", {
    args: [new URL(".ci/postgres.sh", root).pathname],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!setup.success) {
    console.error("test:postgres: .ci/postgres.sh could not provide a server (see above)");
    Deno.exit(1);
  }
  for (const line of new TextDecoder().decode(setup.stdout).split("\n")) {
    const match = line.match(/^([A-Z_]+)=(.*)$/);
    if (match) env[match[1]!] = match[2]!;
  }
}

const test = new Deno.Command(Deno.execPath(), {
  args: [
    "test",
    "--allow-net",
    "--allow-env",
    "--allow-read",
    "--allow-write",
    "--allow-sys",
    "--allow-run",
    ...(Deno.args.length > 0 ? Deno.args : ["tests/"]),
  ],
  cwd: root.pathname,
  env,
  stdin: "null",
}).spawn();
Deno.exit((await test.status).code);
