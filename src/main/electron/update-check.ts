import { TtError } from '../errors';

// Looks for a newer release of tt on GitHub, at most once a day, only while the setting is on
// (it is unless turned off). The request carries nothing but the running version (in the
// User-Agent GitHub requires); there is no cookie, no id, no query. A newer release is offered
// as a link to its page: tt never downloads or installs anything by itself.

export const UPDATE_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** What is kept between runs (in desktop.json beside the database). */
export interface UpdateCheckRecord {
  /** When the last check was made (ms since the epoch). */
  checkedAt: number;
  /** The newer release it found, if any. */
  update: { version: string; url: string } | null;
}

export interface UpdateCheckDeps {
  currentVersion: string;
  /** GitHub's "latest release" endpoint for tt's repository, or null when unknown. */
  releasesUrl: string | null;
  fetch: typeof fetch;
  now: () => number;
}

/** `https://api.github.com/repos/OWNER/REPO/releases/latest` for a package.json `repository`. */
export function latestReleaseUrl(repository: unknown): string | null {
  const text =
    typeof repository === 'string'
      ? repository
      : typeof (repository as { url?: unknown } | undefined)?.url === 'string'
        ? (repository as { url: string }).url
        : '';
  const match =
    /^(?:github:|(?:git\+)?https:\/\/github\.com\/|git@github\.com:)?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(
      text.trim(),
    );
  return match ? `https://api.github.com/repos/${match[1]}/${match[2]}/releases/latest` : null;
}

/** x.y.z as numbers; a pre-release suffix or a leading "v" is ignored. */
function versionParts(version: string): number[] | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return match ? match.slice(1, 4).map(Number) : null;
}

export function isNewerVersion(candidate: string, current: string): boolean {
  const a = versionParts(candidate);
  const b = versionParts(current);
  if (!a || !b) return false;
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

/** Whether a check is due: never made, a day old, or made in the future (a clock put back). */
export function isCheckDue(record: UpdateCheckRecord | null, now: number): boolean {
  if (!record) return true;
  return now - record.checkedAt >= UPDATE_CHECK_INTERVAL_MS || record.checkedAt > now;
}

/** Asks for the latest release once, and says whether it is newer than the running tt. */
export async function checkLatestRelease(deps: UpdateCheckDeps): Promise<UpdateCheckRecord> {
  if (!deps.releasesUrl) {
    throw new TtError('input', 'this build of tt does not know where its releases are published');
  }
  let response: Response;
  try {
    response = await deps.fetch(deps.releasesUrl, {
      headers: { accept: 'application/vnd.github+json', 'user-agent': `tt/${deps.currentVersion}` },
      credentials: 'omit',
      redirect: 'follow',
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new TtError(
      'external',
      `could not reach ${new URL(deps.releasesUrl).host} to look for a newer tt`,
      undefined,
      {
        cause: error,
      },
    );
  }
  const checkedAt = deps.now();
  // No release published yet is no error: there is nothing newer.
  if (response.status === 404) return { checkedAt, update: null };
  if (!response.ok) {
    throw new TtError(
      'external',
      `looking for a newer tt failed: ${new URL(deps.releasesUrl).host} answered ${response.status}`,
    );
  }
  const release = (await response.json().catch(() => null)) as {
    tag_name?: unknown;
    html_url?: unknown;
  } | null;
  const tag = typeof release?.tag_name === 'string' ? release.tag_name : null;
  const url =
    typeof release?.html_url === 'string' && /^https?:\/\//.test(release.html_url) ? release.html_url : null;
  if (!tag || !url || !versionParts(tag)) {
    throw new TtError('external', 'looking for a newer tt failed: the answer did not name a release');
  }
  const version = tag.replace(/^v/, '');
  return { checkedAt, update: isNewerVersion(version, deps.currentVersion) ? { version, url } : null };
}
