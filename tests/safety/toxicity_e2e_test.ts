/**
 * Abuse in a chat, from outside: not passed on (nor as an edit), the sender told why in Russian,
 * the partner sees nothing; ordinary venting goes through.
 */
import assert from "node:assert/strict";
import type { Update } from "grammy/types";
import { startChat } from "../chat/fixtures.ts";
import { startTestBot } from "../support/harness.ts";
import { textUpdate } from "../support/updates.ts";
import type { TextModerator } from "../../shared/safety/text_moderator.ts";

Deno.test("abuse is not relayed and the sender is told why", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris } = await startChat(h, [780_001, 780_002]);
    const toBoris = () =>
      h.telegram.calls.filter((c) =>
        ["copyMessage", "sendMessage"].includes(c.method) && Number(c.payload.chat_id) === boris.id
      );

    await t.step("an insult, even disguised, stays with the sender", async () => {
      h.telegram.clear();
      await h.post(textUpdate(anna, "ты д.у.р.а"));
      assert.equal(toBoris().length, 0);
      assert.match(h.telegram.lastTextTo(anna.id)!, /не передал: в нём оскорбление/);
    });

    await t.step("a threat is named as one", async () => {
      h.telegram.clear();
      await h.post(textUpdate(anna, "я тебя найду"));
      assert.equal(toBoris().length, 0);
      const toAnna = h.telegram.callsOf("sendMessage", anna.id).map((c) => c.payload.text);
      assert.match(toAnna[0], /угроза/);
      // A second refusal in a day is also a warning (tests/safety/sanctions_e2e_test.ts).
      assert.match(toAnna[1], /Предупреждение/);
    });

    await t.step("swearing at oneself is venting, and goes through", async () => {
      h.telegram.clear();
      await h.post(textUpdate(anna, "я такая дура, опять забыла ключи"));
      assert.equal(toBoris().length, 1);
    });

    await t.step("an edit into an insult is not mirrored", async () => {
      h.telegram.clear();
      const original = textUpdate(anna, "Спасибо за разговор");
      await h.post(original);
      await h.post({
        update_id: original.update_id + 1_000_000,
        edited_message: { ...original.message!, text: "ты урод", edit_date: 1 },
      } as Update);
      assert.equal(h.telegram.callsOf("editMessageText", boris.id).length, 0);
      assert.match(h.telegram.lastTextTo(anna.id)!, /Эту правку я не передал/);
    });

    await t.step("refusals are counted by kind", async () => {
      const text = await h.deps.metrics.render();
      assert.match(text, /relay_refused_total\{reason="toxic_insult"\} 2/);
      assert.match(text, /relay_refused_total\{reason="toxic_threat"\} 1/);
    });
  } finally {
    await h.close();
  }
});

Deno.test("what only the learned model reads as hurtful is held back politely, with no strike", async () => {
  // The moderator is swapped so the case does not hang on the committed weights.
  const moderator: TextModerator = {
    name: "model-guess",
    check: (text) =>
      Promise.resolve({ crisis: null, toxicity: null, hurtful: text.includes("неудивительно") }),
  };
  const h = await startTestBot({ moderator });
  try {
    const { anna, boris } = await startChat(h, [780_011, 780_012]);
    h.telegram.clear();
    await h.post(textUpdate(anna, "с твоими мозгами неудивительно, что с тобой никто не общается"));
    const toBoris = h.telegram.calls.filter((c) => Number(c.payload.chat_id) === boris.id);
    assert.equal(toBoris.length, 0);
    assert.match(h.telegram.lastTextTo(anna.id)!, /может задеть собеседника/);
    const strikes = await h.db.query<{ n: number }>(
      "select count(*)::int as n from public.toxicity_strikes s join public.users u on u.id = s.user_id where u.tg_id = $1",
      [anna.id],
    );
    assert.equal(strikes[0]!.n, 0);
    assert.match(await h.deps.metrics.render(), /relay_refused_total\{reason="toxic_hurtful"\} 1/);
    // What the model lets through goes on as usual.
    await h.post(textUpdate(anna, "мне жаль, что так вышло"));
    assert.equal(h.telegram.calls.filter((c) => Number(c.payload.chat_id) === boris.id).length, 1);
  } finally {
    await h.close();
  }
});
