// The video room's WebRTC logic, independent of any UI framework: one RTCPeerConnection per
// call, relay-only (TURN) so neither side learns the other's address, signalling through the
// project's API (POST /calls/{id}/signal, a long-polled GET), a heartbeat, one ICE restart on a
// lost connection, and the camera/microphone asked for once per session and reused across calls.

/** What the room needs of the API client (the app's ApiClient fits). */
export interface CallApi {
  get<T>(path: string): Promise<T>;
  send<T>(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T>;
}

export type EndReason =
  | "next"
  | "end"
  | "report"
  | "timeout"
  | "sanction"
  | "blocked"
  | "declined"
  | "expired"
  | "lost";

export interface RoomEvents {
  /** The partner's media arrived (attach it to a <video>). */
  onRemoteStream?(stream: MediaStream): void;
  /** connecting → live (media flows) → reconnecting (one ICE restart) → live or ended. */
  onPhase?(phase: "connecting" | "live" | "reconnecting"): void;
  /** The call is over: `byMe` when this side ended it. */
  onEnded?(reason: EndReason, byMe: boolean): void;
}

/** The type of an ICE candidate line (`typ relay`), or null. */
export function candidateType(line: string): string | null {
  const tokens = line.trim().replace(/^a=/, "").split(/\s+/);
  const at = tokens.indexOf("typ");
  return at > 0 ? tokens[at + 1]?.toLowerCase() ?? null : null;
}

/** An SDP without any candidate line that is not relay (the server refuses those anyway). */
export function relayOnlySdp(sdp: string): string {
  return sdp.split(/\r\n/).filter((line) =>
    !line.startsWith("a=candidate:") || candidateType(line) === "relay"
  ).join("\r\n");
}

/**
 * The camera and microphone of this page, asked for once and reused by every call (Telegram's
 * Android WebView asks again on every getUserMedia). The camera starts off (its track disabled:
 * the partner sees nothing until it is turned on); without a camera or with it refused the call
 * is voice only; with the microphone refused too there is no call, only the explanation.
 */
export class MediaSession {
  stream: MediaStream | null = null;
  /** "av" both, "audio" voice only, "none" refused. */
  kind: "av" | "audio" | "none" | null = null;
  /** How many times getUserMedia was called (the tests check it stays 1). */
  requests = 0;
  #pending: Promise<MediaStream | null> | null = null;

  constructor(private readonly devices: Pick<MediaDevices, "getUserMedia"> | undefined) {}

  acquire(): Promise<MediaStream | null> {
    this.#pending ??= this.#ask();
    return this.#pending;
  }

  async #ask(): Promise<MediaStream | null> {
    if (!this.devices) {
      this.kind = "none";
      return null;
    }
    try {
      this.requests++;
      this.stream = await this.devices.getUserMedia({ audio: true, video: true });
      this.kind = "av";
    } catch {
      try {
        this.requests++;
        this.stream = await this.devices.getUserMedia({ audio: true, video: false });
        this.kind = "audio";
      } catch {
        this.kind = "none";
        return null;
      }
    }
    for (const track of this.stream.getVideoTracks()) track.enabled = false;
    return this.stream;
  }

  get cameraOn(): boolean {
    return this.stream?.getVideoTracks().some((t) => t.enabled) ?? false;
  }

  get micOn(): boolean {
    return this.stream?.getAudioTracks().some((t) => t.enabled) ?? false;
  }

  setCamera(on: boolean): void {
    for (const track of this.stream?.getVideoTracks() ?? []) track.enabled = on;
  }

  setMic(on: boolean): void {
    for (const track of this.stream?.getAudioTracks() ?? []) track.enabled = on;
  }
}

/**
 * How long one poll waits on the server: under the app's API client timeout (12 s), so a quiet
 * poll ends as an answer, not as a client-side abort.
 */
const POLL_WAIT_SECONDS = 10;

interface Signal {
  id: number;
  kind: "offer" | "answer" | "candidate" | "restart";
  body: { sdp?: string; candidate?: string; sdpMid?: string | null; sdpMLineIndex?: number | null };
}

interface SignalPage {
  state: "proposed" | "connecting" | "live" | "ended";
  end_reason: EndReason | null;
  signals: Signal[];
}

interface TurnAnswer {
  ice_servers: RTCIceServer[];
}

export interface RoomOptions {
  api: CallApi;
  callId: string;
  role: "offerer" | "answerer";
  media: MediaStream | null;
  events?: RoomEvents;
  /** ms between heartbeats (the server ends a call after 15 s without one; default 3 s). */
  heartbeatMs?: number;
  /** How long a "disconnected" connection may take to recover before the ICE restart. */
  disconnectGraceMs?: number;
  createPeer?: (config: RTCConfiguration) => RTCPeerConnection;
  /**
   * Where and how to tell the server "I left" when the page goes away (a keepalive request the
   * browser still sends while unloading); without it the partner learns from the heartbeat.
   */
  leave?: { base: string; authorization: string };
}

/** One call: start() connects, next()/end()/report() end it, close() only leaves. */
export class CallRoom {
  readonly #o: Required<Omit<RoomOptions, "media" | "events" | "leave">> & RoomOptions;
  #pc: RTCPeerConnection | null = null;
  #after = 0;
  #ended = false;
  #connected = false;
  #restarted = false;
  #remoteSet = false;
  #pendingCandidates: RTCIceCandidateInit[] = [];
  #timers: ReturnType<typeof setTimeout>[] = [];
  #polling: AbortController | null = null;
  #disconnectTimer: ReturnType<typeof setTimeout> | null = null;
  #polls = 0;
  readonly #nonce = Math.random().toString(36).slice(2, 10);
  /** Signalling requests this room made (for the figures). */
  requests = 0;

  constructor(options: RoomOptions) {
    this.#o = {
      // 3 s: a partner who vanished is noticed 15–18 s after their last heartbeat.
      heartbeatMs: 3000,
      disconnectGraceMs: 4000,
      createPeer: (config) => new RTCPeerConnection(config),
      ...options,
    };
  }

  get peer(): RTCPeerConnection | null {
    return this.#pc;
  }

  get ended(): boolean {
    return this.#ended;
  }

  async start(): Promise<void> {
    const { api, callId, media } = this.#o;
    this.requests++;
    const turn = await api.get<TurnAnswer>(`/calls/${callId}/turn`);
    // Relay only: the browser never even gathers host or server-reflexive candidates.
    const pc = this.#o.createPeer({ iceServers: turn.ice_servers, iceTransportPolicy: "relay" });
    this.#pc = pc;
    const audio = media?.getAudioTracks()[0];
    const video = media?.getVideoTracks()[0];
    if (audio && media) pc.addTrack(audio, media);
    else pc.addTransceiver("audio", { direction: "recvonly" });
    if (video && media) pc.addTrack(video, media);
    else pc.addTransceiver("video", { direction: "recvonly" });

    pc.onicecandidate = (event) => {
      const candidate = event.candidate;
      // Never a non-relay candidate, whatever the browser gathered.
      if (!candidate?.candidate || candidateType(candidate.candidate) !== "relay") return;
      void this.#send("candidate", {
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid,
        sdpMLineIndex: candidate.sdpMLineIndex,
      });
    };
    pc.ontrack = (event) => {
      this.#o.events?.onRemoteStream?.(event.streams[0] ?? new MediaStream([event.track]));
    };
    pc.onconnectionstatechange = () => this.#onConnectionState(pc.connectionState);

    globalThis.addEventListener?.("pagehide", this.#onPageHide);
    this.#o.events?.onPhase?.("connecting");
    void this.#poll();
    this.#beat();
    if (this.#o.role === "offerer") await this.#offer(false);
  }

  /** «Следующий»: ends this call; the server searches again (its answer is returned). */
  async next(): Promise<{ search?: { status: string } }> {
    return await this.#finishWith("next");
  }

  /** «Завершить». */
  async end(): Promise<void> {
    await this.#finishWith("end");
  }

  /** «Пожаловаться»: the call ends at once and the report is filed. */
  async report(reason: string): Promise<void> {
    this.requests++;
    this.#finish("report", true);
    await this.#o.api.send("POST", `/calls/${this.#o.callId}/report`, { reason });
  }

  /** Leaves without telling the server (the page goes away): the heartbeat stops. */
  close(): void {
    this.#finish("lost", true, false);
  }

  /** The app is closed mid-call: end it for the partner at once instead of in 15 s. */
  #onPageHide = (): void => {
    const leave = this.#o.leave;
    if (this.#ended || !leave) return;
    this.requests++;
    void fetch(`${leave.base}/calls/${this.#o.callId}/end`, {
      method: "POST",
      keepalive: true,
      headers: { authorization: leave.authorization },
    }).catch(() => {});
    this.#finish("end", true, false);
  };

  async #finishWith(reason: "next" | "end") {
    this.requests++;
    this.#finish(reason, true);
    return await this.#o.api.send<{ search?: { status: string } }>(
      "POST",
      `/calls/${this.#o.callId}/${reason}`,
    ).catch(() => ({}));
  }

  #finish(reason: EndReason, byMe: boolean, notify = true): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#polling?.abort();
    globalThis.removeEventListener?.("pagehide", this.#onPageHide);
    for (const timer of this.#timers) clearTimeout(timer);
    if (this.#disconnectTimer) clearTimeout(this.#disconnectTimer);
    if (this.#pc) {
      this.#pc.onicecandidate = null;
      this.#pc.ontrack = null;
      this.#pc.onconnectionstatechange = null;
      // The local tracks stay alive: the next call reuses them.
      this.#pc.close();
    }
    if (notify) this.#o.events?.onEnded?.(reason, byMe);
  }

  async #send(kind: string, body: Record<string, unknown>): Promise<void> {
    if (this.#ended) return;
    this.requests++;
    try {
      await this.#o.api.send("POST", `/calls/${this.#o.callId}/signal`, { kind, ...body });
    } catch {
      // A refused or late signal changes nothing; the heartbeat notices an ended call.
    }
  }

  async #offer(iceRestart: boolean): Promise<void> {
    const pc = this.#pc!;
    const offer = await pc.createOffer({ iceRestart });
    await pc.setLocalDescription(offer);
    await this.#send("offer", { sdp: relayOnlySdp(pc.localDescription?.sdp ?? offer.sdp ?? "") });
  }

  async #poll(): Promise<void> {
    while (!this.#ended) {
      this.#polling = new AbortController();
      let page: SignalPage;
      try {
        this.requests++;
        // A distinct URL per poll: a browser lets only one request of an identical GET through
        // its HTTP cache at a time, so two pages polling the same URL would wait on each other.
        page = await this.#o.api.get<SignalPage>(
          `/calls/${this.#o.callId}/signal?after=${this.#after}&wait=${POLL_WAIT_SECONDS}` +
            `&n=${++this.#polls}-${this.#nonce}`,
        );
      } catch {
        if (this.#ended) return;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      for (const signal of page.signals) {
        this.#after = Math.max(this.#after, signal.id);
        try {
          await this.#handle(signal);
        } catch {
          // A description that does not apply (a stale offer) is skipped.
        }
      }
      if (page.state === "ended") {
        this.#finish(page.end_reason ?? "end", false);
        return;
      }
    }
  }

  async #handle(signal: Signal): Promise<void> {
    const pc = this.#pc;
    if (!pc || this.#ended) return;
    switch (signal.kind) {
      case "offer": {
        await pc.setRemoteDescription({ type: "offer", sdp: signal.body.sdp ?? "" });
        await this.#remoteReady();
        const answer = await pc.createAnswer();
        await pc.setLocalDescription(answer);
        await this.#send("answer", {
          sdp: relayOnlySdp(pc.localDescription?.sdp ?? answer.sdp ?? ""),
        });
        break;
      }
      case "answer":
        await pc.setRemoteDescription({ type: "answer", sdp: signal.body.sdp ?? "" });
        await this.#remoteReady();
        break;
      case "candidate": {
        const init: RTCIceCandidateInit = {
          candidate: signal.body.candidate,
          sdpMid: signal.body.sdpMid ?? null,
          sdpMLineIndex: signal.body.sdpMLineIndex ?? null,
        };
        if (this.#remoteSet) await pc.addIceCandidate(init);
        else this.#pendingCandidates.push(init);
        break;
      }
      case "restart":
        // The answering side lost the connection and asks the offerer to restart ICE.
        if (this.#o.role === "offerer") await this.#offer(true);
        break;
    }
  }

  async #remoteReady(): Promise<void> {
    this.#remoteSet = true;
    const pending = this.#pendingCandidates.splice(0);
    for (const candidate of pending) await this.#pc!.addIceCandidate(candidate).catch(() => {});
  }

  #onConnectionState(state: RTCPeerConnectionState): void {
    if (this.#ended) return;
    if (state === "connected") {
      if (this.#disconnectTimer) clearTimeout(this.#disconnectTimer);
      this.#disconnectTimer = null;
      const first = !this.#connected;
      this.#connected = true;
      this.#o.events?.onPhase?.("live");
      if (first) void this.#heartbeat();
    } else if (state === "disconnected") {
      this.#disconnectTimer ??= setTimeout(() => this.#lost(), this.#o.disconnectGraceMs);
    } else if (state === "failed") {
      this.#lost();
    }
  }

  /** A lost connection: one ICE restart, then the call ends. */
  #lost(): void {
    if (this.#ended) return;
    if (this.#disconnectTimer) clearTimeout(this.#disconnectTimer);
    this.#disconnectTimer = null;
    if (this.#restarted) {
      this.#finish("lost", true);
      this.requests++;
      void this.#o.api.send("POST", `/calls/${this.#o.callId}/end`).catch(() => {});
      return;
    }
    this.#restarted = true;
    this.#o.events?.onPhase?.("reconnecting");
    if (this.#o.role === "offerer") void this.#offer(true);
    else void this.#send("restart", {});
    // Still not back after a while: the second loss ends it.
    this.#timers.push(setTimeout(() => {
      if (this.#pc?.connectionState !== "connected") this.#lost();
    }, 10_000));
  }

  #beat(): void {
    if (this.#ended) return;
    void this.#heartbeat();
    this.#timers.push(setTimeout(() => this.#beat(), this.#o.heartbeatMs));
  }

  async #heartbeat(): Promise<void> {
    if (this.#ended) return;
    try {
      this.requests++;
      const answer = await this.#o.api.send<{ call: { state: string; end_reason: EndReason } }>(
        "POST",
        `/calls/${this.#o.callId}/heartbeat`,
        { connected: this.#pc?.connectionState === "connected" },
      );
      if (answer.call.state === "ended") this.#finish(answer.call.end_reason ?? "end", false);
    } catch {
      // The next beat tries again; the long poll learns an end too.
    }
  }
}
