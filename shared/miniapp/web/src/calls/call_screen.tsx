// The video room's screen: «Начать созвон», the search, the consent card, the room itself
// (partner's pseudonym and shared topics, own preview, microphone and camera, «Следующий»,
// «Завершить», «Пожаловаться», the crisis lines one tap away) and, after the call, the rating.
import { retrieveRawInitData } from "@telegram-apps/sdk";
import { useEffect, useRef, useState } from "preact/hooks";
import { apiBase } from "../api.ts";
import { useApp } from "../app.tsx";
import { type ScreenName, type ScreenProps, SCREENS } from "../screens/index.ts";
import { t } from "../texts.ts";
import {
  ActionButton,
  Card,
  ErrorState,
  Loading,
  minutesSeconds,
  Screen,
  useAction,
  useCountdown,
  useLoad,
} from "../ui.tsx";
import { CallRoom, type EndReason, MediaSession } from "./room.ts";

interface CallInfo {
  id: string;
  match_id: string;
  state: "proposed" | "connecting" | "live" | "ended";
  end_reason: EndReason | null;
  ended_by_me: boolean;
  role: "offerer" | "answerer";
  partner_pseudonym: string | null;
  partner_bio: string | null;
  shared_topics: string[];
  i_accepted: boolean;
  proposal_expires_at: string | null;
  rated: boolean;
}

interface CallState {
  status:
    | "idle"
    | "searching"
    | "searching_chat"
    | "proposed"
    | "in_call"
    | "in_chat"
    | "chat_proposed";
  preference: "video" | "text_only";
  video_configured: boolean;
  waiting_seconds?: number;
  call?: CallInfo;
  last_call?: CallInfo;
}

/** How the room tells the server it left when the app is closed mid-call. */
function leaveRequest(): { base: string; authorization: string } | undefined {
  try {
    const initData = retrieveRawInitData();
    return initData ? { base: apiBase(location), authorization: `tma ${initData}` } : undefined;
  } catch {
    return undefined;
  }
}

/** One camera/microphone per page: asked once, reused by every call («Следующий» included). */
const media = new MediaSession(globalThis.navigator?.mediaDevices);
(globalThis as { __callMedia?: MediaSession }).__callMedia = media;

export function CallScreen(_: ScreenProps) {
  const { api } = useApp();
  const state = useLoad(() => api.get<CallState>("/calls/state"));
  const [ended, setEnded] = useState<{ call: CallInfo; reason: EndReason; byMe: boolean }>();
  const [mediaNote, setMediaNote] = useState<string>();
  const data = state.data;

  // While searching or answering the state is asked for every 2 seconds; after accepting, every
  // half second (the room opens as soon as the partner accepts too).
  useEffect(() => {
    if (!data || !["searching", "proposed"].includes(data.status)) return;
    const waiting = data.status === "proposed" && data.call?.i_accepted;
    const timer = setTimeout(state.reload, waiting ? 500 : 2000);
    return () => clearTimeout(timer);
  }, [data]);

  const ensureMedia = async () => {
    const stream = await media.acquire();
    if (media.kind === "audio") setMediaNote(t("app-call-voice-only"));
    if (!stream) throw new Error(t("app-call-no-media"));
  };
  const start = useAction(async () => {
    await ensureMedia();
    await api.send("POST", "/calls/search");
    setEnded(undefined);
    state.reload();
  });
  const cancel = useAction(async () => {
    await api.send("DELETE", "/calls/search");
    state.reload();
  });
  const answer = useAction(async (accept: boolean) => {
    if (accept) await ensureMedia();
    await api.send("POST", `/calls/${data!.call!.id}/answer`, { accept });
    state.reload();
  });
  const textOnly = useAction(async () => {
    const next = data?.preference === "text_only" ? "video" : "text_only";
    await api.send("PATCH", "/calls/preference", { preference: next });
    state.reload();
  });

  let body;
  if (state.error && !data) body = <ErrorState error={state.error} onRetry={state.reload} />;
  else if (!data) body = <Loading />;
  else if (!data.video_configured) {
    body = (
      <Card>
        <p data-call="not-configured">{t("app-call-not-configured")}</p>
      </Card>
    );
  } else if (data.status === "in_call" && data.call) {
    body = (
      <Room
        key={data.call.id}
        call={data.call}
        onEnded={(reason, byMe, searching) => {
          setEnded(searching ? undefined : { call: data.call!, reason, byMe });
          state.reload();
        }}
      />
    );
  } else if (data.status === "proposed" && data.call) {
    body = <Consent call={data.call} answer={answer} />;
  } else if (data.status === "searching") {
    body = (
      <Card label={t("app-call-searching")}>
        <p data-call="searching">{t("app-call-searching")}</p>
        <p class="muted">{minutesSeconds(data.waiting_seconds ?? 0)}</p>
        <ActionButton action={cancel} variant="secondary" name="call-cancel">
          {t("app-call-cancel")}
        </ActionButton>
      </Card>
    );
  } else if (data.status === "in_chat" || data.status === "chat_proposed") {
    body = (
      <Card>
        <p>{t("app-call-busy-with-chat")}</p>
      </Card>
    );
  } else {
    const last = ended?.call ?? (data.last_call && !data.last_call.rated ? data.last_call : null);
    body = (
      <>
        {last && (
          <AfterCall
            call={last}
            reason={ended?.reason ?? last.end_reason ?? "end"}
            byMe={ended?.byMe ?? last.ended_by_me}
            onRated={() => setEnded(undefined)}
          />
        )}
        <Card>
          <p>{t("app-call-intro")}</p>
          {data.preference === "text_only"
            ? <p data-call="text-only">{t("app-call-text-only-on")}</p>
            : (
              <ActionButton action={start} name="call-start">
                {t("app-call-start")}
              </ActionButton>
            )}
          <button
            type="button"
            class="button secondary"
            data-action="call-text-only"
            disabled={textOnly.pending}
            onClick={() => textOnly.run()}
          >
            {data.preference === "text_only" ? t("app-call-allow-video") : t("app-call-text-only")}
          </button>
        </Card>
      </>
    );
  }
  const failure = start.error ?? answer.error ?? cancel.error ?? textOnly.error;
  return (
    <Screen name="call" title={t("app-call-title")}>
      {mediaNote && <p class="muted" data-call="media-note">{mediaNote}</p>}
      {failure !== undefined && (
        <div role="alert" class="error-state" data-call="error">
          <p>{failure instanceof Error ? failure.message : t("app-error-generic")}</p>
        </div>
      )}
      {body}
    </Screen>
  );
}

function Topics(props: { topics: string[] }) {
  if (props.topics.length === 0) return null;
  return (
    <ul class="chips" aria-label={t("app-call-topics")}>
      {props.topics.map((topic) => <li key={topic}>{topic}</li>)}
    </ul>
  );
}

function Consent(
  props: { call: CallInfo; answer: ReturnType<typeof useAction<[boolean]>> },
) {
  const { call, answer } = props;
  const left = useCountdown(call.proposal_expires_at ?? undefined);
  return (
    <Card class="proposal" label={t("app-call-proposal")}>
      <p>{t("app-call-proposal")}</p>
      <p class="partner-name" data-call="partner">{call.partner_pseudonym}</p>
      <Topics topics={call.shared_topics} />
      {call.partner_bio && <p class="muted">{call.partner_bio}</p>}
      <p class="muted">{t("app-call-camera-starts-off")}</p>
      {call.i_accepted
        ? <p data-call="waiting">{t("app-call-waiting-partner")}</p>
        : (
          <div class="row">
            <button
              type="button"
              class="button primary"
              data-action="call-accept"
              disabled={answer.pending}
              onClick={() => answer.run(true)}
            >
              {t("app-call-accept")}
            </button>
            <button
              type="button"
              class="button secondary"
              data-action="call-skip"
              disabled={answer.pending}
              onClick={() => answer.run(false)}
            >
              {t("app-call-skip")}
            </button>
          </div>
        )}
      <p class="muted">{t("app-call-answer-within", { time: minutesSeconds(left) })}</p>
    </Card>
  );
}

const REPORT_REASONS = ["abuse", "inappropriate", "spam", "minor", "other"] as const;

function Room(
  props: {
    call: CallInfo;
    onEnded: (reason: EndReason, byMe: boolean, searching: boolean) => void;
  },
) {
  const { api } = useApp();
  const remote = useRef<HTMLVideoElement>(null);
  const local = useRef<HTMLVideoElement>(null);
  const room = useRef<CallRoom | null>(null);
  const [phase, setPhase] = useState<"connecting" | "live" | "reconnecting">("connecting");
  const [camera, setCamera] = useState(media.cameraOn);
  const [mic, setMic] = useState(media.micOn);
  const [reporting, setReporting] = useState(false);
  const [sos, setSos] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let current: CallRoom | null = null;
    (async () => {
      const stream = await media.acquire();
      if (cancelled) return;
      if (local.current && stream) local.current.srcObject = stream;
      setMic(media.micOn);
      setCamera(media.cameraOn);
      current = new CallRoom({
        api,
        callId: props.call.id,
        role: props.call.role,
        media: stream,
        leave: leaveRequest(),
        events: {
          onRemoteStream: (s) => {
            if (remote.current && remote.current.srcObject !== s) remote.current.srcObject = s;
          },
          onPhase: setPhase,
          onEnded: (reason, byMe) => {
            if (!byMe || reason === "lost") props.onEnded(reason, byMe, false);
          },
        },
      });
      room.current = current;
      (globalThis as { __callRoom?: CallRoom }).__callRoom = current;
      await current.start();
    })().catch(() => props.onEnded("lost", false, false));
    // Leaving the screen leaves the call the way closing the app does (heartbeat stops).
    return () => {
      cancelled = true;
      current?.close();
    };
  }, [props.call.id]);

  const next = useAction(async () => {
    const answer = await room.current?.next();
    props.onEnded("next", true, answer?.search?.status !== undefined);
  });
  const end = useAction(async () => {
    await room.current?.end();
    props.onEnded("end", true, false);
  });
  const report = useAction(async (reason: string) => {
    await room.current?.report(reason);
    props.onEnded("report", true, false);
  });

  return (
    <div class="call-room" data-call="room" data-phase={phase}>
      <Card label={t("app-call-partner")}>
        <p class="partner-name" data-call="partner">{props.call.partner_pseudonym}</p>
        <Topics topics={props.call.shared_topics} />
        <p class="muted" data-call="phase">{t(`app-call-phase-${phase}`)}</p>
      </Card>
      <div class="call-stage">
        <video
          ref={remote}
          autoplay
          playsinline
          data-call="remote"
          aria-label={t("app-call-remote-video")}
          class="call-remote"
        />
        <video
          ref={local}
          autoplay
          playsinline
          muted
          data-call="local"
          aria-label={t("app-call-own-video")}
          class="call-local"
        />
      </div>
      <div class="row">
        <button
          type="button"
          class="button secondary"
          data-action="call-mic"
          aria-pressed={mic}
          onClick={() => {
            media.setMic(!mic);
            setMic(!mic);
          }}
        >
          {mic ? t("app-call-mic-off") : t("app-call-mic-on")}
        </button>
        <button
          type="button"
          class="button secondary"
          data-action="call-camera"
          aria-pressed={camera}
          disabled={media.kind !== "av"}
          onClick={() => {
            media.setCamera(!camera);
            setCamera(!camera);
          }}
        >
          {camera ? t("app-call-camera-off") : t("app-call-camera-on")}
        </button>
      </div>
      <div class="row">
        <ActionButton action={next} name="call-next">{t("app-call-next")}</ActionButton>
        <ActionButton action={end} variant="secondary" name="call-end">
          {t("app-call-end")}
        </ActionButton>
      </div>
      <div class="row">
        <button
          type="button"
          class="button danger"
          data-action="call-report"
          onClick={() => setReporting(!reporting)}
        >
          {t("app-call-report")}
        </button>
        <button
          type="button"
          class="button secondary"
          data-action="call-sos"
          aria-expanded={sos}
          onClick={() => setSos(!sos)}
        >
          {t("app-call-sos")}
        </button>
      </div>
      {reporting && (
        <Card label={t("app-call-report-pick")}>
          <p>{t("app-call-report-pick")}</p>
          {REPORT_REASONS.map((reason) => (
            <button
              type="button"
              key={reason}
              class="button secondary"
              data-report={reason}
              disabled={report.pending}
              onClick={() => report.run(reason)}
            >
              {t(`app-call-report-${reason}`)}
            </button>
          ))}
        </Card>
      )}
      {sos && <CrisisLines />}
    </div>
  );
}

interface Sos {
  lines: Array<{ name: string; phone: string; hours?: string | null }>;
  emergency?: string | null;
}

function CrisisLines() {
  const { api } = useApp();
  const sos = useLoad(() => api.get<Sos>("/safety/sos"));
  if (sos.error) return <ErrorState error={sos.error} onRetry={sos.reload} />;
  if (!sos.data) return <Loading />;
  return (
    <Card class="sos" label={t("app-call-sos")}>
      <ul class="lines" data-call="sos">
        {sos.data.lines.map((line) => (
          <li key={line.name}>
            <span class="line-name">{line.name}</span>
            <a class="phone" href={`tel:${line.phone.replace(/[^\d+]/g, "")}`}>{line.phone}</a>
          </li>
        ))}
      </ul>
      {sos.data.emergency && <p class="emergency">{sos.data.emergency}</p>}
    </Card>
  );
}

function AfterCall(
  props: { call: CallInfo; reason: EndReason; byMe: boolean; onRated: () => void },
) {
  const { api, navigate } = useApp();
  const [rated, setRated] = useState(props.call.rated);
  const rate = useAction(async (score: number) => {
    await api.send("POST", `/calls/${props.call.id}/rate`, { score });
    setRated(true);
  });
  const reasonKey = props.byMe ? "app-call-ended-by-me" : `app-call-ended-${props.reason}`;
  const canRate = !["report", "blocked", "sanction", "declined", "expired"].includes(props.reason);
  return (
    <Card label={t("app-call-ended")}>
      <p data-call="ended" data-reason={props.reason}>{t(reasonKey)}</p>
      {canRate && !rated && (
        <>
          <p>{t("app-call-rate")}</p>
          <div class="row">
            {[1, 2, 3, 4, 5].map((score) => (
              <button
                type="button"
                key={score}
                class="button secondary"
                data-rate={score}
                disabled={rate.pending}
                onClick={() => rate.run(score)}
              >
                {"★".repeat(score)}
              </button>
            ))}
          </div>
        </>
      )}
      {rated && <p data-call="rated">{t("app-call-thanks")}</p>}
      {canRate && "tips" in SCREENS && (
        <button
          type="button"
          class="button secondary"
          data-action="call-tip"
          onClick={() => navigate({ name: "tips" as ScreenName })}
        >
          {t("app-call-tip")}
        </button>
      )}
      {canRate && !("tips" in SCREENS) && <p class="muted">{t("app-call-tip-in-bot")}</p>}
    </Card>
  );
}
