/**
 * A crisis phrase from outside, through the webhook and the Bot API stand-in: the message still
 * reaches the partner, the sender privately gets the crisis lines, the partner a note on how to
 * respond, a flag is stored without the text, and the coach is silenced for that chat.
 */
import assert from "node:assert/strict";
import { startChat } from "../chat/fixtures.ts";
import { press, say } from "../profile/helpers.ts";
import { startTestBot } from "../support/harness.ts";
import { textUpdate, user } from "../support/updates.ts";

Deno.test("a crisis message in a chat is relayed, and help is offered once", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await startChat(h, [770_001, 770_002]);
    h.telegram.clear();

    await t.step("the message goes to the partner as written", async () => {
      await h.post(textUpdate(anna, "Я больше не хочу жить"));
      assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 1);
    });

    await t.step("the sender privately gets the crisis lines", () => {
      const toAnna = h.telegram.textsTo(anna.id);
      assert.equal(toAnna.length, 1);
      assert.match(toAnna[0]!, /только для вас/);
      assert.match(toAnna[0]!, /112/);
    });

    await t.step("the partner gets a short note on how to respond", () => {
      const note = h.telegram.textsTo(boris.id).find((text) => /очень тяжело/.test(text));
      assert.ok(note, "a note to the partner");
      assert.match(note!, /\/sos/);
      assert.doesNotMatch(note!, /не хочу жить/, "the note does not quote the message");
    });

    await t.step("a flag is stored, with no text, and the coach is silenced", async () => {
      const flags = await h.db.query<Record<string, unknown>>(
        "select label, severity, source, match_id from public.safety_flags",
      );
      assert.deepEqual(flags, [{
        label: "suicide",
        severity: "high",
        source: "relay",
        match_id: matchId,
      }]);
      const [match] = await h.db.query<{ coach_suppressed: boolean }>(
        "select coach_suppressed from public.matches where id = $1",
        [matchId],
      );
      assert.equal(match!.coach_suppressed, true);
      const events = await h.db.query<{ data: unknown }>(
        "select data from public.domain_events where event = 'safety.flagged'",
      );
      assert.equal(events.length, 1);
      assert.doesNotMatch(JSON.stringify(events), /жить/);
      const [relays] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.outbox where kind = 'relay'",
      );
      assert.equal(relays!.n, 0, "no copy of the text stays in the outbox");
    });

    await t.step(
      "a second hard message is relayed and flagged, without a second card",
      async () => {
        h.telegram.clear();
        await h.post(textUpdate(anna, "думаю покончить с собой"));
        assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 1);
        assert.equal(h.telegram.textsTo(anna.id).length, 0);
        assert.equal(h.telegram.textsTo(boris.id).length, 0);
        const [flags] = await h.db.query<{ n: number }>(
          "select count(*)::int as n from public.safety_flags",
        );
        assert.equal(flags!.n, 2);
      },
    );

    await t.step("hyperbole is not a crisis", async () => {
      h.telegram.clear();
      await h.post(textUpdate(boris, "я умираю от смеха"));
      assert.equal(h.telegram.textsTo(boris.id).length, 0);
      const [flags] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.safety_flags",
      );
      assert.equal(flags!.n, 2);
    });
  } finally {
    await h.close();
  }
});

Deno.test("a crisis phrase in a bio is kept as written and help is offered", async () => {
  const h = await startTestBot();
  const vera = user(771_001, "Вера");
  try {
    await say(h, vera, "/start");
    await press(h, vera, "pr:rules");
    await say(h, vera, "1992");
    await say(h, vera, "Тихая Гавань");
    await press(h, vera, "pr:tz:msk");
    await press(h, vera, "pr:tg:experience");
    await press(h, vera, "pr:tt:relocation");
    await press(h, vera, "pr:tt:burnout");
    await press(h, vera, "pr:td");
    await press(h, vera, "pr:ti:burnout");
    await press(h, vera, "pr:tk");
    h.telegram.clear();
    await say(h, vera, "После развода незачем жить");
    const texts = h.telegram.textsTo(vera.id);
    assert.ok(texts.some((text) => /Это сообщение видите только вы/.test(text)));
    assert.ok(texts.some((text) => /Москва|Россия|112/.test(text)));
    const flags = await h.db.query<{ source: string; match_id: string | null }>(
      "select source, match_id from public.safety_flags",
    );
    assert.deepEqual(flags, [{ source: "bio", match_id: null }]);
    const [row] = await h.db.query<{ bio: string }>(
      "select bio from public.users where tg_id = $1",
      [
        vera.id,
      ],
    );
    assert.equal(row!.bio, "После развода незачем жить");
  } finally {
    await h.close();
  }
});

Deno.test("a middling signal gets a gentle check-in; a strong one later still gets the card", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris } = await startChat(h, [770_101, 770_102]);
    h.telegram.clear();

    await t.step(
      "unclear: a private check-in naming one line, with a button, nobody else told",
      async () => {
        await h.post(textUpdate(anna, "меня не станет, и ладно"));
        assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 1);
        const toAnna = h.telegram.textsTo(anna.id);
        assert.equal(toAnna.length, 1);
        assert.match(toAnna[0]!, /как вы сейчас/);
        // One crisis line is named outright (Russia's first while the country is unknown).
        assert.match(toAnna[0]!, /МЧС: \+7 495 989-50-50/);
        assert.doesNotMatch(toAnna[0]!, /112/, "not the whole card yet");
        assert.ok(!h.telegram.textsTo(boris.id).some((text) => /очень тяжело/.test(text)));
      },
    );

    await t.step("the button shows the crisis lines", async () => {
      h.telegram.clear();
      await press(h, anna, "sos:show");
      assert.match(h.telegram.lastTextTo(anna.id) ?? "", /112/);
    });

    await t.step("a strong signal afterwards gets the card and the partner's note", async () => {
      h.telegram.clear();
      await h.post(textUpdate(anna, "купила верёвку, сегодня ночью всё решится"));
      assert.match(h.telegram.textsTo(anna.id).join("\n"), /112/);
      assert.ok(h.telegram.textsTo(boris.id).some((text) => /очень тяжело/.test(text)));
      const flags = await h.db.query<{ severity: string }>(
        "select severity from public.safety_flags order by id",
      );
      assert.deepEqual(flags.map((f) => f.severity), ["medium", "high"]);
    });
  } finally {
    await h.close();
  }
});

Deno.test("right after a check-in, a short reply that confirms it gets the crisis lines", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris } = await startChat(h, [770_201, 770_202]);
    const { anna: clara, boris: dan } = await startChat(h, [770_203, 770_204]);

    await t.step("on its own, a short reply is only relayed", async () => {
      h.telegram.clear();
      await h.post(textUpdate(clara, "да. решил"));
      assert.equal(h.telegram.callsOf("copyMessage", dan.id).length, 1);
      assert.deepEqual(h.telegram.textsTo(clara.id), []);
    });

    await t.step("after a check-in in the same chat it is read as confirming", async () => {
      await h.post(textUpdate(anna, "меня не станет, и ладно"));
      assert.match(h.telegram.textsTo(anna.id).join("\n"), /как вы сейчас/);
      h.telegram.clear();
      await h.post(textUpdate(anna, "да. решил"));
      assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 1);
      assert.match(h.telegram.textsTo(anna.id).join("\n"), /112/);
      assert.ok(h.telegram.textsTo(boris.id).some((text) => /очень тяжело/.test(text)));
      const flags = await h.db.query<{ severity: string }>(
        "select f.severity from public.safety_flags f join public.users u on u.id = f.user_id " +
          "where u.tg_id = $1 order by f.id",
        [anna.id],
      );
      assert.deepEqual(flags.map((f) => f.severity), ["medium", "high"]);
    });

    await t.step("an ordinary reply after the check-in stays ordinary", async () => {
      await h.post(textUpdate(clara, "меня не станет, и ладно"));
      h.telegram.clear();
      await h.post(textUpdate(clara, "спасибо, что спросил. пойду чай заварю"));
      assert.equal(h.telegram.callsOf("copyMessage", dan.id).length, 1);
      assert.deepEqual(h.telegram.textsTo(clara.id), []);
    });
  } finally {
    await h.close();
  }
});
