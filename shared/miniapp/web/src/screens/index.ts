// Every screen of the app by route name. A new screen is one line here (and a menu entry in
// home.tsx if the Home menu should lead to it).
import type { FunctionComponent } from "preact";
import { HelpScreen } from "./help.tsx";
import { HomeScreen } from "./home.tsx";

export type ScreenProps = { params: Record<string, string> };

export const SCREENS = {
  home: HomeScreen,
  help: HelpScreen,
} satisfies Record<string, FunctionComponent<ScreenProps>>;

export type ScreenName = keyof typeof SCREENS;
