import type { Context } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { EffectsFlavor } from "../updates/effects.ts";
import type { InputFlavor } from "./normalize_input.ts";

/** The context every feature sees: grammY's, translations, the update's effects, clean input. */
export type BotContext = Context & I18nFlavor & EffectsFlavor & InputFlavor;
