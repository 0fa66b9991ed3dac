// The bridge to the Telegram client, through the @telegram-apps SDK (never hand-written): launch
// parameters, theme, viewport, BackButton, haptics, invoices and links.
import {
  backButton,
  hapticFeedback,
  init,
  invoice,
  mainButton,
  miniApp,
  on,
  openTelegramLink,
  retrieveLaunchParams,
  retrieveRawInitData,
  swipeBehavior,
  themeParams,
  viewport,
} from "@telegram-apps/sdk";

export interface TelegramSession {
  /** The raw signed initData, sent to the API as `Authorization: tma <initData>`. */
  initData: string;
  platform: string;
}

/**
 * Reads the launch parameters and starts the SDK. Null when the page was not opened by a
 * Telegram client (no signed launch parameters in the URL or the session).
 */
export function startTelegram(): TelegramSession | null {
  let platform: string;
  let initData: string | undefined;
  try {
    platform = String(retrieveLaunchParams().tgWebAppPlatform ?? "unknown");
    initData = retrieveRawInitData();
  } catch {
    return null;
  }
  if (!initData) return null;
  init();
  backButton.mount();
  if (mainButton.mount.isAvailable()) mainButton.mount();
  if (themeParams.mountSync.isAvailable()) {
    themeParams.mountSync();
    themeParams.bindCssVars();
  }
  if (miniApp.mountSync.isAvailable()) {
    miniApp.mountSync();
    miniApp.bindCssVars();
  }
  if (swipeBehavior.mount.isAvailable()) {
    swipeBehavior.mount();
    // Vertical swipes scroll long lists instead of closing the app.
    if (swipeBehavior.disableVertical.isAvailable()) swipeBehavior.disableVertical();
  }
  followTheme();
  // The viewport answers asynchronously; the first screen does not wait for it.
  if (viewport.mount.isAvailable()) {
    viewport.mount().then(() => {
      viewport.bindCssVars();
      if (viewport.expand.isAvailable()) viewport.expand();
    }).catch(() => {});
  }
  if (miniApp.ready.isAvailable()) miniApp.ready();
  return { initData, platform };
}

/** `data-theme="dark|light"` on <html>, kept in step with Telegram's theme. */
function followTheme(): void {
  const apply = () => {
    const dark = themeParams.isMounted() ? themeParams.isDark() : false;
    document.documentElement.dataset.theme = dark ? "dark" : "light";
  };
  apply();
  on("theme_changed", () => queueMicrotask(apply));
}

/** Shows the BackButton while `handler` is set; returns the cleanup. */
export function useBackButton(handler: (() => void) | null): () => void {
  if (!handler || !backButton.isMounted()) {
    if (backButton.isMounted() && backButton.hide.isAvailable()) backButton.hide();
    return () => {};
  }
  if (backButton.show.isAvailable()) backButton.show();
  const off = backButton.onClick(handler);
  return () => off();
}

/** True when Telegram draws its MainButton for this client (the app then hides its own). */
export function hasMainButton(): boolean {
  return mainButton.isMounted();
}

/**
 * Telegram's MainButton for the screen's one main action, while `options` is set; returns the
 * cleanup that hides it. `pending` shows its spinner and disables it.
 */
export function showMainButton(
  options: { text: string; pending: boolean; onClick: () => void } | null,
): () => void {
  if (!mainButton.isMounted()) return () => {};
  if (!options) {
    mainButton.setParams({ isVisible: false });
    return () => {};
  }
  mainButton.setParams({
    text: options.text,
    isVisible: true,
    isEnabled: !options.pending,
    isLoaderVisible: options.pending,
  });
  const off = mainButton.onClick(options.onClick);
  return () => {
    off();
    mainButton.setParams({ isVisible: false, isLoaderVisible: false });
  };
}

export type Haptic = "success" | "error" | "warning" | "tap";

/** A short vibration after a tap that changed something (where the client supports it). */
export function haptic(kind: Haptic): void {
  try {
    if (kind === "tap") {
      if (hapticFeedback.impactOccurred.isAvailable()) hapticFeedback.impactOccurred("light");
    } else if (hapticFeedback.notificationOccurred.isAvailable()) {
      hapticFeedback.notificationOccurred(kind);
    }
  } catch {
    // Haptics are a nicety; a client without them is fine.
  }
}

/** Opens a Stars invoice link; resolves with Telegram's status (paid, cancelled, failed…). */
export async function payInvoice(url: string): Promise<string> {
  if (!invoice.open.isAvailable()) throw new Error("invoice unsupported");
  return await invoice.open(url, "url");
}

/** Opens a t.me link inside Telegram (e.g. back to the bot's chat). */
export function openTelegram(url: string): void {
  if (openTelegramLink.isAvailable()) openTelegramLink(url);
  else if (miniApp.close.isAvailable()) miniApp.close();
}

/** Closes the Mini App: the person lands back in the chat it was opened from. */
export function closeApp(): void {
  if (miniApp.close.isAvailable()) miniApp.close();
}
