import type { Context } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { EffectsFlavor } from "../updates/effects.ts";
import type { InputFlavor } from "./normalize_input.ts";
import type { CoachFlavor } from "../coach/coach_feature.ts";

/**
 * The context every feature sees: grammY's, translations, the update's effects, clean input and
 * the coach's button for the relay.
 */
export type BotContext = Context & I18nFlavor & EffectsFlavor & InputFlavor & CoachFlavor;
