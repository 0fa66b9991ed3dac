/**
 * Contacts written to slip past a filter, for the LLM anonymiser (shared/coach/anonymize.ts);
 * the plain spellings are shared/safety/pii.ts's. Found here:
 *
 * - e-mails with "@" and "." spelled out or bracketed: «ivan собака mail точка ru»,
 *   "ivan (at) mail (dot) ru", "ivan[at]mail[dot]ru", "ivan at gmail dot com", "ivan @ mail . ru",
 *   "ivan собака гмейл", and a login "на гмейле" / "на яндексе";
 * - links with the dot spelled out: «vk точка com слэш durov», "site[dot]ru";
 * - Telegram and other usernames without a clean "@": "@ lonely_fox", and a Latin login right
 *   after a word that introduces one («мой ник в тг — lonely_fox», «инста: masha.k»), or
 *   anywhere when it reads only as a login ("lonely_fox_88", "nightowl1990").
 *
 * Offsets are UTF-16 offsets in the text given.
 */

export interface ContactSpan {
  kind: "email" | "link" | "username";
  start: number;
  end: number;
}

const AT = String
  .raw`(?:\s*(?:@|[(\[{<]\s*(?:at|эт|собака|собачка|sobaka)\s*[)\]}>])\s*|\s+(?:at|эт|собака|собачка|собачку|гав|sobaka|sobachka)\s+)`;
const DOT = String
  .raw`(?:\s*(?:\.|[(\[{<]\s*(?:dot|точка|тчк|дот|tochka)\s*[)\]}>])\s*|\s+(?:dot|точка|тчк|дот|tochka)\s+)`;
const SPELLED_DOT = String
  .raw`(?:\s*[(\[{<]\s*(?:dot|точка|тчк|дот)\s*[)\]}>]\s*|\s+(?:dot|точка|тчк|дот)\s+|\s*\[\.\]\s*|\s*\(\.\)\s*)`;
const LOGIN = String.raw`[\p{L}\p{N}_%+-]+`;
const LABEL = String.raw`[\p{L}\p{N}-]+`;

// Top-level domains, also as people say them in Russian.
const TLDS = String
  .raw`(?:ru|ру|рф|su|com|ком|net|нет|org|орг|info|инфо|io|me|ми|ua|юа|by|бай|kz|кз|uz|am|ge|az|md|de|uk|eu|co|us|online|site|app|pro|dev|xyz|club|shop|store|tv|fm|cc|ly|gg|to|рус)`;
// Mail providers, as written or said ("гмейл", "джимейл", "мейл ру", "яндекс").
const PROVIDERS = String
  .raw`(?:gmail|gmeil|гмейл|гмаил|джимейл|джимеил|mail|мейл|маил|мэйл|мыло|yandex|ya|яндекс|rambler|рамблер|bk|бк|list|лист|inbox|инбокс|outlook|аутлук|hotmail|хотмейл|icloud|айклауд|proton|protonmail|протон|ukr|укр|tut|тут|yahoo|яху|live)`;

const EMAIL_SPELLED = new RegExp(
  String.raw`(?<![\p{L}\p{N}_%+.-])${LOGIN}(?:${DOT}${LOGIN})*${AT}${LABEL}(?:${DOT}${LABEL})*` +
    String.raw`(?:\s+(?:ru|ру|рф|com|ком|net|org|ua|by|kz))?(?![\p{L}\p{N}])`,
  "giu",
);
const ENDS_WITH_TLD = new RegExp(String.raw`(?:${DOT}|\s+)${TLDS}$`, "iu");
const PROVIDER_DOMAIN = new RegExp(String.raw`${AT}${PROVIDERS}(?:${DOT}|\s+|$)`, "iu");
// "ivan.petrov на гмейле", "ivan_p на яндексе".
const LOGIN_AT_PROVIDER = new RegExp(
  String
    .raw`(?<![\p{L}\p{N}_.@-])[A-Za-z0-9][A-Za-z0-9._%+-]{2,}\s+на\s+(?:гмейл|гмаил|джимейл|мейл|маил|мэйл|яндекс|рамблер|gmail|mail|yandex|rambler|outlook|аутлук|icloud|айклауд|протон|proton)\p{L}*`,
  "giu",
);

const LINK_SPELLED = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.@-])(?:${LABEL}${SPELLED_DOT})+${TLDS}(?![\p{L}\p{N}])` +
    String.raw`(?:\s*(?:\/|слэш|слеш|slash)\s*[\p{L}\p{N}_.\/-]+)?`,
  "giu",
);

// «k r e v e t k a @ g m a i l . c o m»: an address typed one character at a time.
const SPACED_CHARACTERS = /(?<!\S)(?:[\p{L}\p{N}@._-] ){6,}[\p{L}\p{N}](?!\S)/gu;
const PLAIN_EMAIL = /^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;

const USERNAME_SPACED = /(?<![\p{L}\p{N}_@])@\s+[A-Za-z][A-Za-z0-9_.]{2,31}(?![A-Za-z0-9_])/gu;

// Words after which a Latin token is a login: networks, messengers, "ник", "логин", "почта".
const LOGIN_CONTEXT = new RegExp(
  String.raw`(?<!\p{L})(?:` + [
    "ник|ника|нику|ником|нике|никнейм\\p{L}*|логин\\p{L}*|юзернейм\\p{L}*|username|user",
    "акк|акка|акке|аккаунт\\p{L}*|профил[ьяюеи]\\p{L}*|страничк\\p{L}*",
    "тг|телег[аеуи]|телегой|телеграм\\p{L}*|telegram|tg|инст|инста|инсте|инсту|инстой|инстаграм\\p{L}*",
    "insta\\p{L}*|вк|vk|вконтакте|дискорд\\p{L}*|discord|скайп\\p{L}*|skype|тикток\\p{L}*|tiktok",
    "твиттер\\p{L}*|twitter|фейсбук\\p{L}*|facebook|ютуб\\p{L}*|youtube|гитхаб\\p{L}*|github",
    "снапчат\\p{L}*|snapchat|вайбер\\p{L}*|viber|ватсап\\p{L}*|whatsapp|почт(?:а|ы|е|у|ой|овый|овая)",
    "ящик\\p{L}*|мейл\\p{L}*|имейл\\p{L}*|емейл\\p{L}*|email|e-mail|твич\\p{L}*|twitch|steam",
  ].join("|") + String.raw`)(?!\p{L})`,
  "giu",
);
const LATIN_TOKEN =
  /(?<![\p{L}\p{N}_.@-])[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9_](?![\p{L}\p{N}_@])/gu;
// Names of the networks themselves are not logins ("пиши в Telegram").
const NOT_LOGINS = new Set(
  `telegram tg vk instagram insta inst discord skype tiktok twitter facebook youtube github
  snapchat viber whatsapp email mail gmail yandex steam twitch ok ник user username id dm pm
  direct online offline`.split(/\s+/).filter(Boolean),
);

/** Obfuscated e-mails, spelled-out links and usernames without a clean "@". */
export function spelledContactSpans(text: string): ContactSpan[] {
  const spans: ContactSpan[] = [];
  for (const m of text.matchAll(EMAIL_SPELLED)) {
    const found = m[0];
    const login = found.split(new RegExp(AT, "iu"))[0] ?? "";
    const domain = found.slice(login.length);
    const plainAt = /^\s*@\s*/.test(domain);
    // A spelled "@" needs a real domain or a provider: «моя собака точка» is about a dog.
    const domainOk = ENDS_WITH_TLD.test(found) || PROVIDER_DOMAIN.test(domain);
    const loginOk = /[A-Za-z0-9]/.test(login) || ENDS_WITH_TLD.test(found);
    if (!domainOk || !loginOk || login.length < 2) continue;
    // pii.ts already has the plain "name@domain.tld".
    if (plainAt && !/\s/.test(found)) continue;
    spans.push({ kind: "email", start: m.index, end: m.index + found.length });
  }
  for (const m of text.matchAll(SPACED_CHARACTERS)) {
    if (PLAIN_EMAIL.test(m[0].replaceAll(" ", ""))) {
      spans.push({ kind: "email", start: m.index, end: m.index + m[0].length });
    }
  }
  for (const m of text.matchAll(LOGIN_AT_PROVIDER)) {
    spans.push({ kind: "email", start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(LINK_SPELLED)) {
    spans.push({ kind: "link", start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(USERNAME_SPACED)) {
    spans.push({ kind: "username", start: m.index, end: m.index + m[0].length });
  }
  spans.push(...loginSpans(text));
  return spans;
}

/** Latin logins: after a word that introduces one (same sentence, close by), or login-shaped. */
function loginSpans(text: string): ContactSpan[] {
  const contexts = [...text.matchAll(LOGIN_CONTEXT)].map((m) => m.index + m[0].length);
  const spans: ContactSpan[] = [];
  for (const m of text.matchAll(LATIN_TOKEN)) {
    const token = m[0];
    if (NOT_LOGINS.has(token.toLowerCase()) || !/[A-Za-z]/.test(token)) continue;
    // "lonely_fox_88", "nightowl1990", "masha.k.99": only a login looks like that.
    const shaped = (/_/.test(token) && /[A-Za-z]{2}/.test(token) && /\d|_.*_/.test(token)) ||
      /^[A-Za-z]{3,}[A-Za-z._]*\d{2,}$/.test(token);
    const introduced = token.length >= 3 &&
      contexts.some((end) =>
        end <= m.index && m.index - end <= 30 && !/[.!?\n]/.test(text.slice(end, m.index))
      );
    if (shaped || introduced) {
      spans.push({ kind: "username", start: m.index, end: m.index + token.length });
    }
  }
  return spans;
}
