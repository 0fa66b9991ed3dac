/**
 * A real `redis-server` (Debian's, started per test) behind a small local endpoint that speaks
 * Upstash's REST protocol, so `@upstash/redis` and the Lua scripts of `@upstash/ratelimit` run
 * against real Redis:
 *   POST /            body ["CMD", ...args]        -> {"result": ...} or 400 {"error": "..."}
 *   POST /pipeline    body [["CMD", ...], ...]     -> [{"result": ...} | {"error": ...}, ...]
 *   POST /multi-exec  the same, inside MULTI/EXEC
 * `Authorization: Bearer <token>` is checked; with `Upstash-Encoding: base64` bulk strings are
 * answered base64-encoded, as Upstash does.
 *
 * One difference from Upstash is bridged here: `@upstash/ratelimit` 2.1+ starts its scripts with
 * `#!lua flags=allow-key-locking`, a flag only Upstash's Redis knows; open-source Redis 7.0
 * refuses the script. The endpoint drops that flag before EVAL / SCRIPT LOAD and maps the
 * client's SHA-1 of the original script to Redis' SHA-1 of the loaded one for EVALSHA.
 */

type Reply = string | number | null | Error | Reply[] | { simple: string };

/** Minimal RESP2 client over one TCP connection; commands are answered in order. */
class RespConnection {
  private buffer = new Uint8Array(0);
  private queue = Promise.resolve();
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  private constructor(private readonly conn: Deno.TcpConn) {}

  static async open(port: number): Promise<RespConnection> {
    return new RespConnection(await Deno.connect({ hostname: "127.0.0.1", port }));
  }

  /** Sends the commands together and reads one reply for each. */
  send(commands: (string | number)[][]): Promise<Reply[]> {
    const run = this.queue.then(async () => {
      let wire = "";
      for (const args of commands) {
        wire += `*${args.length}\r\n`;
        for (const arg of args) {
          const bytes = this.encoder.encode(String(arg));
          wire += `$${bytes.length}\r\n${String(arg)}\r\n`;
        }
      }
      await this.writeAll(this.encoder.encode(wire));
      const replies: Reply[] = [];
      for (let i = 0; i < commands.length; i++) replies.push(await this.readReply());
      return replies;
    });
    this.queue = run.then(() => {}, () => {});
    return run;
  }

  close(): void {
    try {
      this.conn.close();
    } catch { /* already closed */ }
  }

  private async writeAll(bytes: Uint8Array): Promise<void> {
    let written = 0;
    while (written < bytes.length) written += await this.conn.write(bytes.subarray(written));
  }

  private async fill(): Promise<void> {
    const chunk = new Uint8Array(64 * 1024);
    const n = await this.conn.read(chunk);
    if (n === null) throw new Error("redis closed the connection");
    const merged = new Uint8Array(this.buffer.length + n);
    merged.set(this.buffer);
    merged.set(chunk.subarray(0, n), this.buffer.length);
    this.buffer = merged;
  }

  private async readLine(): Promise<string> {
    while (true) {
      const end = this.buffer.findIndex((b, i) => b === 13 && this.buffer[i + 1] === 10);
      if (end >= 0) {
        const line = this.decoder.decode(this.buffer.subarray(0, end));
        this.buffer = this.buffer.subarray(end + 2);
        return line;
      }
      await this.fill();
    }
  }

  private async readBytes(length: number): Promise<string> {
    while (this.buffer.length < length + 2) await this.fill();
    const text = this.decoder.decode(this.buffer.subarray(0, length));
    this.buffer = this.buffer.subarray(length + 2);
    return text;
  }

  private async readReply(): Promise<Reply> {
    const line = await this.readLine();
    const rest = line.slice(1);
    switch (line[0]) {
      case "+":
        return { simple: rest };
      case "-":
        return new Error(rest);
      case ":":
        return Number(rest);
      case "$":
        return Number(rest) < 0 ? null : await this.readBytes(Number(rest));
      case "*": {
        if (Number(rest) < 0) return null;
        const items: Reply[] = [];
        for (let i = 0; i < Number(rest); i++) items.push(await this.readReply());
        return items;
      }
      default:
        throw new Error(`unexpected RESP line: ${line.slice(0, 20)}`);
    }
  }
}

export interface UpstashStandIn {
  /** The REST URL (UPSTASH_REDIS_REST_URL). */
  url: string;
  token: string;
  /** Requests answered (each /pipeline counts once). */
  requests(): number;
  /** Makes the next requests hang (a slow Redis) until called again with 0. */
  delay(ms: number): void;
  /** Stops redis-server: the endpoint then answers 500, as an unreachable Redis would. */
  stopRedis(): Promise<void>;
  close(): Promise<void>;
}

/** Whether Debian's redis-server is installed (`.ci/run` installs it). */
export function hasRedisServer(): boolean {
  try {
    Deno.statSync("/usr/bin/redis-server");
    return true;
  } catch {
    return false;
  }
}

export async function startUpstashStandIn(): Promise<UpstashStandIn> {
  const port = freePort();
  const dir = await Deno.makeTempDir({ prefix: "redis-" });
  const redis = new Deno.Command("/usr/bin/redis-server", {
    args: ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    cwd: dir,
    stdout: "null",
    stderr: "null",
  }).spawn();
  let conn: RespConnection | undefined;
  for (let attempt = 0; attempt < 100 && !conn; attempt++) {
    try {
      conn = await RespConnection.open(port);
      await conn.send([["PING"]]);
    } catch {
      conn?.close();
      conn = undefined;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  if (!conn) throw new Error("redis-server did not start");
  const redisConn = conn;

  const token = "upstash-stand-in-token";
  const shaOfClient = new Map<string, string>(); // client's SHA-1 -> Redis' SHA-1
  let requests = 0;
  let delayMs = 0;
  let redisStopped = false;

  const withoutKeyLocking = async (script: string) => {
    const stripped = script.replace(/^#!lua flags=allow-key-locking[^\n]*\n/, "");
    if (stripped !== script) shaOfClient.set(await sha1(script), await sha1(stripped));
    return stripped;
  };
  const rewrite = async (args: (string | number)[]): Promise<(string | number)[]> => {
    const name = String(args[0]).toUpperCase();
    if (name === "EVAL") {
      return ["EVAL", await withoutKeyLocking(String(args[1])), ...args.slice(2)];
    }
    if (name === "SCRIPT" && String(args[1]).toUpperCase() === "LOAD") {
      return ["SCRIPT", "LOAD", await withoutKeyLocking(String(args[2]))];
    }
    if (name === "EVALSHA") {
      return ["EVALSHA", shaOfClient.get(String(args[1])) ?? String(args[1]), ...args.slice(2)];
    }
    return args;
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    requests++;
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (req.headers.get("authorization") !== `Bearer ${token}`) {
      return Response.json({ error: "Unauthorized" }, { status: 401 });
    }
    if (redisStopped) return Response.json({ error: "connection refused" }, { status: 500 });
    const base64 = req.headers.get("upstash-encoding") === "base64";
    const path = new URL(req.url).pathname;
    const body = await req.json();
    const encode = (reply: Reply): unknown => {
      if (reply instanceof Error) return reply;
      if (Array.isArray(reply)) return reply.map(encode);
      if (reply !== null && typeof reply === "object") return reply.simple;
      if (typeof reply === "string" && base64) return toBase64(reply);
      return reply;
    };
    const answer = (reply: Reply) => {
      const value = encode(reply);
      return value instanceof Error ? { error: value.message } : { result: value };
    };
    if (path === "/pipeline" || path === "/multi-exec") {
      const commands = await Promise.all((body as (string | number)[][]).map(rewrite));
      if (path === "/pipeline") return Response.json((await redisConn.send(commands)).map(answer));
      const replies = await redisConn.send([["MULTI"], ...commands, ["EXEC"]]);
      const exec = replies.at(-1);
      if (!Array.isArray(exec)) {
        return Response.json({ error: exec instanceof Error ? exec.message : "EXECABORT" }, {
          status: 400,
        });
      }
      return Response.json(exec.map(answer));
    }
    const [reply] = await redisConn.send([await rewrite(body as (string | number)[])]);
    const result = answer(reply!);
    return Response.json(result, { status: "error" in result ? 400 : 200 });
  });

  const stopRedis = async () => {
    if (redisStopped) return;
    redisStopped = true;
    redisConn.close();
    try {
      redis.kill("SIGTERM");
    } catch { /* gone */ }
    await redis.status;
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  };
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    token,
    requests: () => requests,
    delay: (ms) => void (delayMs = ms),
    stopRedis,
    close: async () => {
      await stopRedis();
      await server.shutdown();
    },
  };
}

async function sha1(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function toBase64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}
