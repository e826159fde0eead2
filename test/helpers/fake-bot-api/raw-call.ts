import type { ApiResponse, FakeBotApi } from "./types.js";

/** A Bot API call as plain HTTP, without grammY, for tests of the fake itself: its status and its JSON answer. */
export async function rawCall(api: FakeBotApi, method: string, payload: object = {}, token = api.token): Promise<{ status: number; body: ApiResponse }> {
  const res = await fetch(`${api.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as ApiResponse };
}
