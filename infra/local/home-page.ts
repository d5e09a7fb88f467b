import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What the local server shows at `/` until the citizen web app is built: a short page in plain
 * Dutch that says where things are. Everything else outside `/v1` and `/oidc` is a 404.
 */
export function homePage(request: IncomingMessage, response: ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path !== '/' || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Deze pagina bestaat niet.');
    return;
  }
  response.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Cache-Control': 'no-store',
  });
  response.end(`<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Leerrekening (lokaal)</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><main>
<h1>Leerrekening draait op uw computer</h1>
<p>Dit is de lokale testomgeving. De website voor burgers komt hier.</p>
<ul>
<li><a href="/v1/health">Werkt de API?</a></li>
<li><a href="/v1/openapi.json">Beschrijving van de API (OpenAPI)</a></li>
<li><a href="/oidc/.well-known/openid-configuration">Inlogdienst (OpenID Connect)</a></li>
</ul>
</main></body></html>`);
}
