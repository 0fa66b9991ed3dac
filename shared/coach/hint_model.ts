import { crisisFeatures } from "../safety/crisis.ts";
import { probabilityOf, type TextModel } from "../safety/text_model.ts";
import trainedWeights from "./hint_model_weights.json" with { type: "json" };

/**
 * A learned second opinion on a language model's hints (shared/safety/text_model.ts), after the
 * rules of hint_guard.ts passed one: harmful suggestions come in more shapes than rules can list
 * (flirting with a teenager, "tough love", guilt-tripping, talking someone out of a doctor).
 * Trained by tests/coach/hint_model_train.ts on tuning corpora only; the rule coach's own hints
 * never go through it (they are ours and fixed).
 */
const MODEL = trainedWeights as TextModel;

/** The features the hint model reads: the crisis model's. */
export function hintFeatures(text: string): string[] {
  return crisisFeatures(text);
}

/** Whether the model reads `text` as a hint that must not be shown. */
export function flaggedByHintModel(text: string, model: TextModel = MODEL): boolean {
  return probabilityOf(model, hintFeatures(text)) >= model.threshold;
}
