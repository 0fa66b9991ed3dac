import { InlineKeyboard } from "grammy";
import type { Translate } from "../notifications/translate.ts";
import { recommendCallbackData } from "./callbacks.ts";
import type { TopicCard } from "./contract.ts";

/** Under a /similar card: propose a conversation to this person. */
export function personCardKeyboard(t: Translate, recId: string): InlineKeyboard {
  return new InlineKeyboard().text(
    t("recommend-propose-button"),
    recommendCallbackData.takePerson(recId),
  );
}

/** One button per suggested topic, each on its own row. */
export function topicSuggestionsKeyboard(t: Translate, topics: TopicCard[]): InlineKeyboard {
  return InlineKeyboard.from(topics.map((topic) => [
    InlineKeyboard.text(
      t("recommend-topic-button", { title: topic.title }),
      recommendCallbackData.takeTopic(topic.id),
    ),
  ]));
}

/** Switches "use my diary to find people" on. */
export function diaryMatchingOnKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(
    t("recommend-turn-on-button"),
    recommendCallbackData.diaryMatchingOn(),
  );
}
