// The Mini App's entry: Telegram or not, then the app.
import { render } from "preact";
import { apiBase, createApiClient } from "./api.ts";
import { App, OutsidePage } from "./app.tsx";
import { startTelegram } from "./telegram.ts";

function main(): void {
  const root = document.getElementById("app")!;
  const botUsername = document.querySelector<HTMLMetaElement>('meta[name="bot-username"]')
    ?.content || undefined;
  const session = startTelegram();
  if (!session) {
    document.documentElement.dataset.theme = matchMedia("(prefers-color-scheme: dark)").matches
      ? "dark"
      : "light";
    render(<OutsidePage botUsername={botUsername} />, root);
    return;
  }
  let unauthorized = false;
  const draw = () =>
    render(<App api={api} botUsername={botUsername} unauthorized={unauthorized} />, root);
  const api = createApiClient(apiBase(location), session.initData, () => {
    unauthorized = true;
    draw();
  });
  draw();
}

main();
