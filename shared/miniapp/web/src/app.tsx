// The app shell: a stack of screens (BackButton on every inner one), the API client, and the
// full-page states (not in Telegram, initData expired).
import { createContext, type FunctionComponent } from "preact";
import { useCallback, useContext, useEffect, useMemo, useState } from "preact/hooks";
import type { ApiClient } from "./api.ts";
import { closeApp, useBackButton } from "./telegram.ts";
import { t } from "./texts.ts";
import { type ScreenName, type ScreenProps, SCREENS } from "./screens/index.ts";

export interface Route {
  name: ScreenName;
  params?: Record<string, string>;
}

export interface AppContext {
  api: ApiClient;
  /** The bot's username, when the server knows it (for links back to the chat). */
  botUsername?: string;
  navigate(route: Route): void;
  back(): void;
  /** Replaces the whole stack (after a deletion, back to a fresh Home). */
  reset(route?: Route): void;
}

const Context = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const app = useContext(Context);
  if (!app) throw new Error("useApp() outside <App>");
  return app;
}

export function App(
  props: { api: ApiClient; botUsername?: string; unauthorized: boolean; initial?: Route },
) {
  const [stack, setStack] = useState<Route[]>([props.initial ?? { name: "home" }]);
  const navigate = useCallback((route: Route) => setStack((s) => [...s, route]), []);
  const back = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback((route?: Route) => setStack([route ?? { name: "home" }]), []);
  const context = useMemo(
    () => ({ api: props.api, botUsername: props.botUsername, navigate, back, reset }),
    [props.api, props.botUsername, navigate, back, reset],
  );
  const inner = stack.length > 1;
  useEffect(() => useBackButton(inner ? back : null), [inner, back]);
  useEffect(() => {
    window.scrollTo(0, 0);
    // How deep the stack is (the browser tests read it).
    document.documentElement.dataset.depth = String(stack.length);
  }, [stack.length]);

  if (props.unauthorized) return <ReopenPage />;
  const route = stack[stack.length - 1]!;
  const Screen: FunctionComponent<ScreenProps> = SCREENS[route.name];
  return (
    <Context.Provider value={context}>
      <Screen key={`${stack.length}:${route.name}`} params={route.params ?? {}} />
    </Context.Provider>
  );
}

/** initData expired or forged: nothing works until the app is opened again from Telegram. */
export function ReopenPage() {
  return (
    <main class="page center" data-screen="reopen">
      <div class="emoji" aria-hidden="true">🔒</div>
      <h1>{t("app-reopen-title")}</h1>
      <p>{t("app-reopen-text")}</p>
      <button type="button" class="button" onClick={closeApp}>{t("app-reopen-close")}</button>
    </main>
  );
}

/** Opened in a plain browser: how to open it in Telegram. */
export function OutsidePage(props: { botUsername?: string }) {
  const link = props.botUsername ? `https://t.me/${props.botUsername}` : undefined;
  return (
    <main class="page center" data-screen="outside">
      <div class="emoji" aria-hidden="true">💬</div>
      <h1>{t("app-outside-title")}</h1>
      <p>{t("app-outside-text")}</p>
      <ol class="steps">
        <li>{t("app-outside-step-1")}</li>
        <li>{t("app-outside-step-2")}</li>
        <li>{t("app-outside-step-3")}</li>
      </ol>
      {link && (
        <a class="button" href={link}>{t("app-outside-open", { bot: `@${props.botUsername}` })}</a>
      )}
    </main>
  );
}
