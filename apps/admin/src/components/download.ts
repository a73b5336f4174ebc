import { TOKEN_STORAGE_KEY } from '../providers/session';

/**
 * Fetches a file of the API with the session token (a plain link would carry none) and saves it
 * under the server's file name, or `fallbackName`. A refusal rejects with the API's message in the
 * user's language (`{ error: { message: { vi, en } } }`), else with the HTTP status.
 */
export async function downloadWithToken(url: string, fallbackName: string, locale: string): Promise<void> {
  const token = localStorage.getItem(TOKEN_STORAGE_KEY);
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: { vi: string; en: string } } } | null;
    const message = body?.error?.message;
    throw new Error(message ? (locale === 'en' ? message.en : message.vi) : `HTTP ${res.status}`);
  }
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('content-disposition')) ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** The file name of a Content-Disposition header: the UTF-8 `filename*` when given, else `filename`. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1] ?? null;
}
