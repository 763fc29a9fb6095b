// Resend's HTTP API, the two calls we make: one email (POST /emails) and a batch of up to 100
// (POST /emails/batch). It answers the way Resend's SDK does — `{ data, error, headers }`, never
// throwing for an API or network error — so deliver.ts classifies errors as before; the SDK itself
// was 7 KiB of the Worker's gzipped bundle for these two requests. Requests are exactly the SDK's:
// bearer key, JSON body, `Idempotency-Key`, `x-batch-validation`.
// RESEND_BASE_URL in a Node process (the benchmark's stand-in on 127.0.0.1) replaces the address,
// as it did for the SDK; the Worker has no process.env and always talks to api.resend.com.

export type ResendError = { name?: string; message?: string; statusCode?: number | null };
export type ResendResult<T> = { data: T | null; error: ResendError | null; headers: Record<string, string> | null };

const DEFAULT_BASE_URL = "https://api.resend.com";

function baseUrl(): string {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.RESEND_BASE_URL || DEFAULT_BASE_URL;
}

export type ResendEmail = { from: string; to: string; subject: string; text: string; html: string; headers?: Record<string, string> };

export async function resendPost<T>(
  apiKey: string,
  path: "/emails" | "/emails/batch",
  body: ResendEmail | ResendEmail[],
  options: { idempotencyKey?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<ResendResult<T>> {
  const headers = new Headers({ Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json", ...options.headers });
  if (options.idempotencyKey) headers.set("Idempotency-Key", options.idempotencyKey);
  let response: Response;
  try {
    response = await fetch(`${baseUrl()}${path}`, { method: "POST", body: JSON.stringify(body), headers, signal: options.signal });
  } catch {
    // network error or timeout (the signal): worth another try
    return {
      data: null,
      error: { name: "application_error", statusCode: null, message: "Unable to fetch data. The request could not be resolved." },
      headers: null,
    };
  }
  const responseHeaders = Object.fromEntries(response.headers.entries());
  if (response.ok) {
    try {
      return { data: (await response.json()) as T, error: null, headers: responseHeaders };
    } catch {
      return {
        data: null,
        error: { name: "application_error", statusCode: response.status, message: "Unreadable answer." },
        headers: responseHeaders,
      };
    }
  }
  const text = await response.text().catch(() => "");
  try {
    return { data: null, error: JSON.parse(text) as ResendError, headers: responseHeaders };
  } catch {
    // not JSON: a proxy's or a server's error page
    return {
      data: null,
      error: {
        name: "application_error",
        statusCode: response.status,
        message: "Internal server error. We are unable to process your request right now, please try again later.",
      },
      headers: responseHeaders,
    };
  }
}
