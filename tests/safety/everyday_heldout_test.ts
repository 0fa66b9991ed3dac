import assert from "node:assert/strict";
import { readCrisis } from "../../shared/safety/crisis.ts";
import { countByKind, heldBackAsAbuse, type HeldoutItem, readHeldout } from "../support/heldout.ts";

/**
 * Ordinary chat, frozen and blind (tests/safety/heldout/chat_everyday_3.json: 1,000 peer-support
 * chat messages, 40 % of them heavy but safe — sadness, grief, loneliness, a balcony, medicines),
 * written 2026-12-06 by a helper who read no file of the project, committed before any
 * measurement. Not a goal of the issue but what a real user meets most: a check-in on an
 * ordinary message, once per chat, is noise, and the SOS card would be worse. Prints figures
 * and per-kind counts only, never the sentences.
 */
const SETS = [
  {
    file: "./heldout/chat_everyday_3.json",
    // First measurement (2026-12-06): the session's starting detector (88da53d) answered 0.047 of
    // these messages (SOS card 0.008), held back 0.011; the detector trained with ordinary chat
    // and with three rule faults mended (a balcony, «Высоцкий», «по морю»): 0.029 (SOS card
    // 0.007) / 0.011 — small talk about where one sits or stands is most of what is left.
    // Second, with sitting or standing somewhere high left to the model, «на краю» only of
    // something high, a parapet a check-in (not the card) and corpus X (where the writer is, 600
    // ordinary look-alikes): 0.019 (SOS card 0.001) / 0.011.
    floors: { answered: 0.03, sosCard: 0.003, heldBack: 0.02 },
  },
  {
    // 800 messages, written 2026-12-06 by a helper who read no project file, committed (802dac1)
    // before any measurement. First measurement, of the detector as it stood (f541006): 0.025
    // answered (SOS card 0.004), 0.009 held back as abuse.
    file: "./heldout/chat_everyday_4.json",
    floors: { answered: 0.03, sosCard: 0.005, heldBack: 0.015 },
  },
  {
    // 800 messages (40 % heavy but safe), written 2026-12-06 by a helper who read no project
    // file, committed (85619a4) before any measurement. First measurement, of the detectors as
    // they stood (8c56cfe): 0.016 answered (SOS card 0.000), 0.013 held back as abuse (friendly
    // teasing 3, a hobby 2, five kinds 1 each).
    // Session 13, with the model's surest hits given the SOS card (`SOS_PROBABILITY`): SOS card
    // 0.000 → 0.004 (the same messages answered).
    file: "./heldout/chat_everyday_5.json",
    floors: { answered: 0.025, sosCard: 0.005, heldBack: 0.02 },
  },
  {
    // 500 messages (40 % heavy but safe), written at the start of session 7 by a helper who read
    // no project file, committed (7cf6af8) before any measurement. First measurement, of the
    // detectors as they stood (dfbff2f): 0.038 answered (SOS card 0.004; disagreement 3, grief,
    // thanks, support offers 2 each, ten kinds 1 each), 0.016 held back as abuse (questions 3,
    // small talk 2, three kinds 1 each).
    file: "./heldout/chat_everyday_6.json",
    floors: { answered: 0.045, sosCard: 0.006, heldBack: 0.02 },
  },
  {
    // 500 messages (40 % heavy but safe), written in session 8 by a helper who read no project
    // file, committed (e30d58d) before any measurement; first measured on that session's final
    // detectors: 0.042 answered (SOS card 0.002; nineteen kinds, most of them heavy but safe —
    // a relative's illness, empathy, grief, divorce), 0.006 held back as abuse.
    // Session 9, with heavy but safe chat and replies mid-chat in the training: 0.016; with crisis
    // corpus AP (quiet decisions) too: 0.026.
    file: "./heldout/chat_everyday_8.json",
    floors: { answered: 0.035, sosCard: 0.004, heldBack: 0.012 },
  },
  {
    // 500 messages, written at the start of session 9 by a helper who read no project file,
    // committed (186443a) before any measurement. First measurement, of the detectors as they
    // stood (c1737af): 0.050 answered (SOS card 0.000; twenty-three kinds 1–2 each, most of them
    // heavy but safe — advice asked, anxiety, grief, loneliness), 0.016 held back as abuse
    // (questions about the partner 2, six kinds 1 each).
    // Second, with ordinary chat 11 and 12 in the training: 0.018 (SOS card 0.000); third, with
    // crisis corpus AP too: 0.028 (SOS card 0.000).
    file: "./heldout/chat_everyday_10.json",
    floors: { answered: 0.035, sosCard: 0.002, heldBack: 0.02 },
  },
  {
    // 500 messages (40 % heavy but safe), written at the end of session 9 by a helper who read no
    // project file, committed (f0fbf33) before any measurement; first measured on that session's
    // final detectors: 0.026 answered (SOS card 0.000; twelve kinds 1–2 each), 0.022 held back as
    // abuse (eleven kinds 1 each: humour, questions, replies).
    // Session 13, the model's surest hits given the SOS card: SOS card 0.000 → 0.004.
    file: "./heldout/chat_everyday_13.json",
    floors: { answered: 0.035, sosCard: 0.005, heldBack: 0.03 },
  },
  {
    // 500 messages (30 % heavy but safe), written at the start of session 10 by a helper who read
    // no project file, committed (65b33b3) before any measurement. First measurement, of the
    // detectors as they stood (bccaf99): 0.014 answered (SOS card 0.000; seven kinds 1 each),
    // 0.012 held back as abuse (support replies 3, questions to the partner 2, a film).
    file: "./heldout/chat_everyday_14.json",
    floors: { answered: 0.03, sosCard: 0.002, heldBack: 0.02 },
  },
  {
    // 300 messages (40 % heavy but safe, many short replies mid-chat), written at the start of
    // session 11 by helpers who read no project file, committed (693c36b) before any measurement.
    // First measurement, of the detectors as they stood (ff8b7de): 0.027 answered (SOS card
    // 0.000; advice 3, questions 2, three kinds 1), 0.010 held back as abuse (three kinds 1).
    // With the veto, AR and everyday text ×3: 0.017.
    file: "./heldout/chat_everyday_15.json",
    floors: { answered: 0.035, sosCard: 0.004, heldBack: 0.02 },
  },
  {
    // 240 messages (40 % heavy but safe; one part written to share words with crisis talk),
    // written in session 11 by helpers who read no project file, committed (fde05eb) before any
    // measurement. First measurement, of the session's final detectors (veto, AR, everyday ×3):
    // 0.025 answered (SOS card 0.000; replies 2, four kinds 1), 0.000 held back as abuse.
    file: "./heldout/chat_everyday_16.json",
    floors: { answered: 0.035, sosCard: 0.005, heldBack: 0.01 },
  },
  {
    // Set 17: 240 messages by about ten writers, written at the start of session 12 by a helper
    // who read no file of the project, committed (f25b5ee) before any measurement. First
    // measurement, of the detectors as session 11 left them (865b09e): 0.017 answered (SOS card
    // 0.004; sobriety 2, a reply, support), 0.017 held back as abuse (advice 2, support, an idiom
    // of death).
    file: "./heldout/chat_everyday_17.json",
    floors: { answered: 0.03, sosCard: 0.005, heldBack: 0.02 },
  },
  {
    // Set 18: 240 messages by about fifteen writers, written at the start of session 13 by a
    // helper who read no file of the project, committed (d0f879f) before any measurement. First
    // measurement, of the detectors as session 12 left them (7dc84da): 0.008 answered (SOS card
    // 0.000; health, sadness), 0.013 held back as abuse (an argument, hyperbole, work).
    file: "./heldout/chat_everyday_18.json",
    floors: { answered: 0.02, sosCard: 0.005, heldBack: 0.02 },
  },
  {
    // Set 19: 240 messages by ten or more writers, written at the start of session 14 by a helper
    // who read no file of the project, committed (35b0ed7) before any measurement. First
    // measurement, of the detectors as session 13 left them (b3363bc): 0.008 answered (SOS card
    // 0.000), 0.013 held back as abuse.
    file: "./heldout/chat_everyday_19.json",
    floors: { answered: 0.02, sosCard: 0.005, heldBack: 0.02 },
  },
  {
    // Set 20: 240 messages by about fifteen writers, written at the start of session 15 by a
    // helper who read no file of the project, committed (069f994) before any measurement. First
    // measurement, of the detectors as session 14 left them (77ac2b2): 0.008 answered (SOS card
    // 0.000; a calm loss, a question), 0.004 held back as abuse (an argument).
    file: "./heldout/chat_everyday_20.json",
    floors: { answered: 0.02, sosCard: 0.005, heldBack: 0.015 },
  },
];

for (const { file, floors } of SETS) {
  Deno.test(`ordinary chat ${file} (blind): few crisis answers, no SOS cards, little held back`, async () => {
    const set = await readHeldout<{ messages: HeldoutItem[] }>(import.meta.url, file);
    const answers = set.messages.map((item) => ({ item, ...readCrisis(item.text) }));
    const answered = answers.filter((a) => a.hit !== null).map((a) => a.item);
    const cards = answers.filter((a) => a.hit?.severity === "high").map((a) => a.item);
    // Answered only right after the writer's own crisis signal in the same chat.
    const leaning = answers.filter((a) => a.leaning).map((a) => a.item);
    const held = set.messages.filter((item) => heldBackAsAbuse(item.text));
    const share = (items: HeldoutItem[]) => items.length / set.messages.length;
    console.log(
      `ordinary chat ${file} (${set.messages.length}): crisis answer ${
        share(answered).toFixed(3)
      } (SOS card ${share(cards).toFixed(3)}), held back as abuse ${
        share(held).toFixed(3)
      }; leaning (answered right after a crisis signal) ${
        share(leaning).toFixed(3)
      }\n  answered by kind: ${countByKind(answered)}\n  held back by kind: ${countByKind(held)}`,
    );
    assert.ok(share(answered) <= floors.answered, `answered ${share(answered)}`);
    assert.ok(share(cards) <= floors.sosCard, `SOS card ${share(cards)}`);
    assert.ok(share(held) <= floors.heldBack, `held back ${share(held)}`);
  });
}
