import { Hono } from "hono";

/**
 * The API reference for people: Swagger UI from the npm package `swagger-ui-dist`, served by
 * this server (`GET /docs/`, `/docs/swagger-ui.css`, `/docs/swagger-ui-bundle.js`,
 * `/docs/init.js`; mount at `/`), never from a CDN. Its bundle and stylesheet are read as text from the
 * pinned package on first request (1.7 MB + 0.2 MB: not loaded with the API). `documentUrl`
 * is relative to `/docs/`. The validator badge (which calls an outside service) is off.
 */
export function referencePage(documentUrl: string): Hono {
  const page = new Hono();
  const cached = { "cache-control": "public, max-age=86400" };

  // Relative asset URLs need the trailing slash: /docs -> /docs/.
  page.get("/docs", (c) => c.redirect(`${c.req.path}/`, 301));
  page.get("/docs/", (c) => c.html(html, 200, { "cache-control": "no-cache" }));
  page.get("/docs/swagger-ui.css", async (c) => {
    // The source maps are not served: the browser would ask for them in vain.
    const { default: css } = await import("swagger-ui-dist/swagger-ui.css", {
      with: { type: "text" },
    });
    const body = css.replace(/\/\*# sourceMappingURL=\S+\s*\*\/\s*$/, "");
    return c.body(body, 200, { ...cached, "content-type": "text/css; charset=utf-8" });
  });
  page.get("/docs/swagger-ui-bundle.js", async (c) => {
    const { default: js } = await import("swagger-ui-dist/swagger-ui-bundle.js", {
      with: { type: "text" },
    });
    const body = js.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
    return c.body(body, 200, { ...cached, "content-type": "text/javascript; charset=utf-8" });
  });
  page.get("/docs/init.js", (c) =>
    c.body(initScript(documentUrl), 200, {
      ...cached,
      "content-type": "text/javascript; charset=utf-8",
    }));
  return page;
}

const html = `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>«Ты не один» — API</title>
<link rel="stylesheet" href="swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="swagger-ui-bundle.js"></script>
<script src="init.js"></script>
</body>
</html>
`;

function initScript(documentUrl: string): string {
  return `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(documentUrl)},
  dom_id: "#reference",
  validatorUrl: null,
  deepLinking: true,
  tryItOutEnabled: false,
});
`;
}
