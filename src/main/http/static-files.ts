import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
  /** index.html must never be cached: it names the current build's assets. */
  cacheControl: string;
}

/**
 * Maps a URL path to a file inside `root`, or null. Anything that would leave the root
 * (`..`, encoded or not, absolute paths, NUL bytes) resolves to null, as do directories.
 */
export function resolveStaticFile(root: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment === '..')) return null;
  const rootPath = normalize(root);
  const full = normalize(join(rootPath, relative));
  if (!full.startsWith(rootPath + sep)) return null;
  let size: number;
  try {
    const stat = statSync(full);
    if (!stat.isFile()) return null;
    size = stat.size;
  } catch {
    return null;
  }
  const ext = extname(full).toLowerCase();
  return {
    path: full,
    size,
    contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    cacheControl: ext === '.html' ? 'no-store' : 'private, max-age=31536000, immutable',
  };
}

export function openStaticFile(file: StaticFile): NodeJS.ReadableStream {
  return createReadStream(file.path);
}
