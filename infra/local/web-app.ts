import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webContentSecurityPolicy, webSecurityHeaders } from '../../shared/http/security-headers.ts';
import { appIndexFor } from '../../shared/http/web-paths.ts';

/** Where `npm run build:web` puts the citizen web app. */
export const webDistDirectory = fileURLToPath(new URL('../../web/dist', import.meta.url));

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The same headers as the deployed web app: the app talks only to its own origin (`/v1`, `/oidc`).
 */
const securityHeaders = {
  'Content-Security-Policy': webContentSecurityPolicy(),
  ...webSecurityHeaders,
} as const;

/** Vite puts content-hashed files here: they never change, so browsers may keep them for a year. */
const hashedAssetsPrefix = '/assets/';
const hashedAssetCacheControl = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) is checked on every visit, so a new build shows at once. */
const revalidateCacheControl = 'no-cache';

export interface WebAppOptions {
  /** The built app; `web/dist` by default. */
  readonly root?: string;
}

/**
 * Serves the built citizen web app and business portal: files from `web/dist` with their content
 * type, `zakelijk/index.html` for every path below `/zakelijk` without a file extension, and
 * `index.html` for every other such path (`/history`, `/auth/callback`), so the apps' own routers
 * handle them. Paths that look like files but are not there are 404,
 * and so is anything outside the folder.
 */
export function createWebApp(
  options: WebAppOptions = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  const root = normalize(options.root ?? webDistDirectory);
  return (request, response) => {
    serve(root, request, response).catch((error: unknown) => {
      console.error('web app: could not serve', request.url, error);
      if (!response.headersSent) sendText(response, 500, 'Er ging iets mis. Probeer het later opnieuw.');
      else response.destroy();
    });
  };
}

async function serve(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    sendText(response, 405, 'Deze pagina kan alleen worden opgevraagd.');
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    sendText(response, 400, 'Dit adres klopt niet.');
    return;
  }
  if (path.includes('\0')) {
    sendText(response, 400, 'Dit adres klopt niet.');
    return;
  }
  const looksLikeFile = extname(path) !== '';
  const file = looksLikeFile ? join(root, normalize(path)) : join(root, appIndexFor(path));
  if (file !== root && !file.startsWith(`${root}${sep}`)) {
    sendText(response, 404, 'Deze pagina bestaat niet.');
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    if (!looksLikeFile) {
      sendText(
        response,
        503,
        'De website is nog niet gebouwd. Start Leerrekening met npm start, of voer npm run build:web uit.',
      );
      return;
    }
    sendText(response, 404, 'Deze pagina bestaat niet.');
    return;
  }
  const hashed = path.startsWith(hashedAssetsPrefix) && looksLikeFile;
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    'Cache-Control': hashed ? hashedAssetCacheControl : revalidateCacheControl,
    'Last-Modified': info.mtime.toUTCString(),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file);
    stream.on('error', reject);
    response.on('close', resolve);
    stream.pipe(response);
  });
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

/** The web app as `npm start` serves it. */
export const webApp = createWebApp();
