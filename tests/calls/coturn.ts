import dgram from "node:dgram";
import { createHash, createHmac, randomBytes } from "node:crypto";

/**
 * Debian's coturn for the tests: `turnserver` on 127.0.0.1 with the TURN REST secret, relay
 * ports on loopback, no TLS, started on free ports and stopped by the test.
 */
export interface Coturn {
  port: number;
  urls: string[];
  secret: string;
  stop(): Promise<void>;
}

export const TURNSERVER = "/usr/sbin/turnserver";

export function coturnInstalled(): boolean {
  for (const path of [TURNSERVER, "/usr/bin/turnserver"]) {
    try {
      Deno.statSync(path);
      return true;
    } catch { /* not here */ }
  }
  return false;
}

function binary(): string {
  try {
    Deno.statSync(TURNSERVER);
    return TURNSERVER;
  } catch {
    return "/usr/bin/turnserver";
  }
}

/** A UDP port nobody listens on (and the relay range after it). */
async function freeUdpPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const socket = dgram.createSocket("udp4");
    const free = await new Promise<boolean>((resolve) => {
      socket.once("error", () => resolve(false));
      socket.bind(port, "127.0.0.1", () => resolve(true));
    });
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    if (free) return port;
  }
  throw new Error("no free UDP port");
}

export async function startCoturn(secret: string): Promise<Coturn> {
  const port = await freeUdpPort();
  const dir = await Deno.makeTempDir({ prefix: "coturn-" });
  const relayFrom = port + 1;
  const child = new Deno.Command(binary(), {
    args: [
      "-c",
      "/dev/null",
      "--use-auth-secret",
      `--static-auth-secret=${secret}`,
      "--realm=ty-ne-odin.test",
      "--listening-ip=127.0.0.1",
      "--relay-ip=127.0.0.1",
      `--listening-port=${port}`,
      `--min-port=${relayFrom}`,
      `--max-port=${relayFrom + 200}`,
      "--allow-loopback-peers",
      "--no-tls",
      "--no-dtls",
      "--no-cli",
      "--no-tcp-relay",
      "--fingerprint",
      `--userdb=${dir}/turndb`,
      `--pidfile=${dir}/pid`,
      "--log-file=stdout",
      "--simple-log",
    ],
    stdout: "null",
    stderr: "null",
  }).spawn();
  // Ready when it answers a STUN binding request.
  const deadline = Date.now() + 10_000;
  while (!(await stunAnswers(port))) {
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("turnserver did not start");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    urls: [`turn:127.0.0.1:${port}?transport=udp`],
    secret,
    stop: async () => {
      try {
        child.kill("SIGTERM");
      } catch { /* gone */ }
      await child.status;
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

// --- A minimal TURN client: enough to ask for an allocation with long-term credentials. ---

const MAGIC = 0x2112a442;

function attribute(type: number, value: Uint8Array): Uint8Array {
  const padded = new Uint8Array(4 + Math.ceil(value.length / 4) * 4);
  const view = new DataView(padded.buffer);
  view.setUint16(0, type);
  view.setUint16(2, value.length);
  padded.set(value, 4);
  return padded;
}

function message(type: number, id: Uint8Array, attrs: Uint8Array[]): Uint8Array {
  const length = attrs.reduce((n, a) => n + a.length, 0);
  const out = new Uint8Array(20 + length);
  const view = new DataView(out.buffer);
  view.setUint16(0, type);
  view.setUint16(2, length);
  view.setUint32(4, MAGIC);
  out.set(id, 8);
  let at = 20;
  for (const a of attrs) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** Adds MESSAGE-INTEGRITY (HMAC-SHA1 with the long-term key) as the last attribute. */
function withIntegrity(msg: Uint8Array, key: Uint8Array): Uint8Array {
  const out = new Uint8Array(msg.length + 24);
  out.set(msg);
  const view = new DataView(out.buffer);
  view.setUint16(2, msg.length - 20 + 24);
  const mac = createHmac("sha1", key).update(out.subarray(0, msg.length)).digest();
  view.setUint16(msg.length, 0x0008);
  view.setUint16(msg.length + 2, 20);
  out.set(mac, msg.length + 4);
  return out;
}

interface Parsed {
  type: number;
  attrs: Map<number, Uint8Array>;
}

function parse(data: Uint8Array): Parsed {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const attrs = new Map<number, Uint8Array>();
  let at = 20;
  const end = 20 + view.getUint16(2);
  while (at + 4 <= end) {
    const type = view.getUint16(at);
    const length = view.getUint16(at + 2);
    attrs.set(type, data.subarray(at + 4, at + 4 + length));
    at += 4 + Math.ceil(length / 4) * 4;
  }
  return { type: view.getUint16(0), attrs };
}

/** One UDP socket for a whole exchange: a TURN nonce belongs to the client's address. */
function client() {
  const socket = dgram.createSocket("udp4");
  const ask = (port: number, msg: Uint8Array) =>
    new Promise<Parsed | null>((resolve) => {
      const done = (answer: Parsed | null) => {
        clearTimeout(timer);
        socket.removeAllListeners("message");
        resolve(answer);
      };
      const timer = setTimeout(() => done(null), 1000);
      socket.once("message", (data: Uint8Array) => done(parse(new Uint8Array(data))));
      socket.send(msg, port, "127.0.0.1");
    });
  const close = () => new Promise<void>((resolve) => socket.close(() => resolve()));
  return { ask, close };
}

async function exchange(port: number, msg: Uint8Array): Promise<Parsed | null> {
  const c = client();
  try {
    return await c.ask(port, msg);
  } finally {
    await c.close();
  }
}

async function stunAnswers(port: number): Promise<boolean> {
  return (await exchange(port, message(0x0001, randomBytes(12), []))) !== null;
}

/**
 * Asks the TURN server for a UDP relay allocation with these credentials: "allocated", or the
 * error code it answered (401: the credentials were refused).
 */
export async function allocate(
  port: number,
  username: string,
  password: string,
): Promise<"allocated" | number> {
  const c = client();
  try {
    return await allocateWith(c.ask, port, username, password);
  } finally {
    await c.close();
  }
}

async function allocateWith(
  ask: (port: number, msg: Uint8Array) => Promise<Parsed | null>,
  port: number,
  username: string,
  password: string,
): Promise<"allocated" | number> {
  const transport = attribute(0x0019, new Uint8Array([17, 0, 0, 0]));
  const first = await ask(port, message(0x0003, randomBytes(12), [transport]));
  if (!first) throw new Error("no answer from the TURN server");
  const realm = first.attrs.get(0x0014);
  const nonce = first.attrs.get(0x0015);
  if (!realm || !nonce) return errorCode(first);
  const text = new TextDecoder();
  const key = createHash("md5")
    .update(`${username}:${text.decode(realm)}:${password}`)
    .digest();
  const request = withIntegrity(
    message(0x0003, randomBytes(12), [
      transport,
      attribute(0x0006, new TextEncoder().encode(username)),
      attribute(0x0014, realm),
      attribute(0x0015, nonce),
    ]),
    key,
  );
  const second = await ask(port, request);
  if (!second) throw new Error("no answer from the TURN server");
  return second.type === 0x0103 ? "allocated" : errorCode(second);
}

function errorCode(answer: Parsed): number {
  const code = answer.attrs.get(0x0009);
  if (!code || code.length < 4) return -1;
  return (code[2]! & 0x7) * 100 + code[3]!;
}
