import { z } from "zod";

/**
 * What one participant may send the other through the API: an SDP offer or answer, one ICE
 * candidate, or a request for an ICE restart. Only TURN-relayed candidates pass: a host, srflx
 * or prflx candidate carries an address of the sender's network, and the partner must never
 * learn it. The same rule holds for candidates written into an SDP (`a=candidate:` lines).
 */
export type Signal =
  | { kind: "offer" | "answer"; body: { sdp: string } }
  | { kind: "candidate"; body: IceCandidate }
  | { kind: "restart"; body: Record<string, never> };

export interface IceCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}

/** Why a signal is refused (each has a Russian text `calls-error-<reason>`). */
export type SignalRefusal = "non_relay_candidate" | "invalid_signal";

const sdpText = z.string().min(10).max(16_000);

export const SignalBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("offer"), sdp: sdpText }).strict(),
  z.object({ kind: z.literal("answer"), sdp: sdpText }).strict(),
  z.object({
    kind: z.literal("candidate"),
    candidate: z.string().min(1).max(1000),
    sdpMid: z.string().max(64).nullish(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullish(),
    usernameFragment: z.string().max(256).nullish(),
  }).strict(),
  z.object({ kind: z.literal("restart") }).strict(),
]);

export type SignalInput = z.infer<typeof SignalBody>;

/**
 * The candidate's type (`typ <type>`) from its attribute text, with or without the
 * `candidate:` / `a=candidate:` prefix; null when it is not a candidate line at all.
 */
export function candidateType(line: string): string | null {
  const text = line.trim().replace(/^a=/, "");
  if (!/^candidate:\S+ \d+ \S+ \d+ \S+ \d+ typ \S+/i.test(text)) return null;
  const tokens = text.split(/\s+/);
  const at = tokens.indexOf("typ");
  return at >= 0 ? tokens[at + 1]?.toLowerCase() ?? null : null;
}

/** True when the SDP's candidate lines (if any) are all relay candidates. */
export function sdpRelayOnly(sdp: string): boolean {
  for (const line of sdp.split(/\r?\n/)) {
    if (!line.startsWith("a=candidate:")) continue;
    if (candidateType(line) !== "relay") return false;
  }
  return true;
}

/** A validated signal to store, or why it is refused. */
export function checkSignal(input: SignalInput): Signal | { refused: SignalRefusal } {
  switch (input.kind) {
    case "offer":
    case "answer":
      if (!/^v=0\r?\n/.test(input.sdp)) return { refused: "invalid_signal" };
      if (!sdpRelayOnly(input.sdp)) return { refused: "non_relay_candidate" };
      return { kind: input.kind, body: { sdp: input.sdp } };
    case "candidate": {
      const type = candidateType(input.candidate);
      if (type === null) return { refused: "invalid_signal" };
      if (type !== "relay") return { refused: "non_relay_candidate" };
      return {
        kind: "candidate",
        body: {
          candidate: input.candidate,
          sdpMid: input.sdpMid ?? null,
          sdpMLineIndex: input.sdpMLineIndex ?? null,
          usernameFragment: input.usernameFragment ?? null,
        },
      };
    }
    case "restart":
      return { kind: "restart", body: {} };
  }
}
