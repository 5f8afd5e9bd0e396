// One Content-Security-Policy for every host of the app: the Electron window and `tt dashboard`.

/**
 * The strict policy the window and the dashboard enforce on the built app (index.html declares
 * the same one). No inline script or style, no eval: React sets styles through the DOM, which
 * CSP allows, and the build emits its CSS as files.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Only for `npm run dev`: Vite's dev server injects CSS as <style> elements. */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "style-src 'self'",
  "style-src 'self' 'unsafe-inline'",
);
