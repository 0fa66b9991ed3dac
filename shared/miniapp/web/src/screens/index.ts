// Every screen of the app by route name. A new screen is one line here (and a menu entry in
// home.tsx if the Home menu should lead to it).
import type { FunctionComponent } from "preact";
import { DiaryEntryScreen, DiaryScreen, DiarySettingsScreen } from "./diary.tsx";
import { EventNewScreen, EventScreen, EventsScreen } from "./events.tsx";
import { HelpScreen } from "./help.tsx";
import { HomeScreen } from "./home.tsx";
import { CallScreen } from "../calls/call_screen.tsx";
import { PeopleScreen } from "./people.tsx";
import { ProfileScreen, ProfileTopicsScreen } from "./profile.tsx";
import { TipScreen, TipsScreen } from "./tips.tsx";

export type ScreenProps = { params: Record<string, string> };

export const SCREENS = {
  home: HomeScreen,
  help: HelpScreen,
  call: CallScreen,
  diary: DiaryScreen,
  "diary-entry": DiaryEntryScreen,
  "diary-settings": DiarySettingsScreen,
  profile: ProfileScreen,
  "profile-topics": ProfileTopicsScreen,
  people: PeopleScreen,
  events: EventsScreen,
  event: EventScreen,
  "event-new": EventNewScreen,
  tips: TipsScreen,
  tip: TipScreen,
} satisfies Record<string, FunctionComponent<ScreenProps>>;

export type ScreenName = keyof typeof SCREENS;
