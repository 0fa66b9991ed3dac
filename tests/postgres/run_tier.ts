/**
 * `deno task test:postgres`: the whole test suite again, on a real PostgreSQL 15 set up like
 * Supabase. `.ci/postgres.sh` installs and starts it (Debian packages, the vendored extensions,
 * Supabase's own setup SQL; needs root) unless `TEST_DATABASE_URL` (or `DATABASE_URL`) already
 * points at one: a superuser URL of a server where Supabase's setup is applied to the database
 * named by TEST_BASE_DATABASE (default `supabase_base`). Without either it is skipped, with a
 * message, unless REQUIRE_POSTGRES=1.
 * Arguments are passed to `deno test` (a file or folder to run only part of it).
 */
const root = new URL("../../", import.meta.url);
const env: Record<string, string> = {};
// CI sets this: there a missing server is a failure, not a skip.
const required = Deno.env.get("REQUIRE_POSTGRES") === "1";

function skip(reason: string): never {
  console.error(`test:postgres: ${reason}`);
  if (required) Deno.exit(1);
  console.error("test:postgres: skipped (set REQUIRE_POSTGRES=1 to make this an error)");
  Deno.exit(0);
}

const existing = Deno.env.get("TEST_DATABASE_URL") || Deno.env.get("DATABASE_URL");
if (existing) {
  // A server set up like Supabase already runs: its superuser URL creates the test databases.
  env.TEST_DATABASE_URL = existing;
} else {
  const vendor = new URL("../shared/vendor/postgres/extensions/", root);
  if (Deno.uid() !== 0) {
    skip("no TEST_DATABASE_URL, and installing PostgreSQL 15 needs root (.ci/postgres.sh)");
  }
  try {
    Deno.statSync(vendor);
  } catch {
    skip(`no TEST_DATABASE_URL, and no vendored extensions at ${vendor.pathname}`);
  }
  const setup = await new Deno.Command("bash", {
    args: [new URL(".ci/postgres.sh", root).pathname],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!setup.success) skip(".ci/postgres.sh could not provide a server (see above)");
  for (const line of new TextDecoder().decode(setup.stdout).split("\n")) {
    const match = line.match(/^([A-Z_]+)=(.*)$/);
    if (match) env[match[1]!] = match[2]!;
  }
}

const test = new Deno.Command(Deno.execPath(), {
  args: [
    "test",
    // Test files side by side, one per core (each test has its own database).
    "--parallel",
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
