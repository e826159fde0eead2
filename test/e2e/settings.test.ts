import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonsOf, say, startWorld, type TestWorld } from "../helpers/test-app.js";

describe("When a user tunes their schedule with /settings", () => {
  let world: TestWorld;
  const chat = 5005;

  beforeAll(async () => {
    world = await startWorld({ catalog: () => "feeds: []\n" });
    await say(world, chat, "/start");
  });
  afterAll(() => world?.close());

  const press = async (label: string) => {
    const message = world.api.messages(chat).filter((m) => buttonsOf(m).length > 0).at(-1)!;
    const button = buttonsOf(message).find((b) => b.text === label);
    if (!button) throw new Error(`no button ${label} in ${JSON.stringify(buttonsOf(message))}`);
    const since = world.api.mark();
    world.api.pressButton(chat, message.messageId, button.data);
    return world.api.waitForMessage(chat, undefined, { since });
  };

  it("then buttons pick a common time and timezone, and the summary says when the next digest comes", async () => {
    expect((await say(world, chat, "/settings")).plainText).toContain("When should your digest arrive?");
    expect((await press("07:00")).plainText).toContain("Which timezone are you in?");
    const saved = await press("Europe/Kyiv");
    expect(saved.plainText).toMatch(/Saved\. Digests at 07:00 \(Europe\/Kyiv\)\. Next: .+, 07:00\./);
  });

  it("then typed answers are accepted, and nonsense is explained without leaving the conversation", async () => {
    await say(world, chat, "/settings");
    expect((await say(world, chat, "half past never")).plainText).toContain("not a time of day");
    expect((await say(world, chat, "x".repeat(10_000))).plainText).toContain("not a time of day");
    expect((await say(world, chat, "6:45, 18:30")).plainText).toContain("Which timezone");
    expect((await say(world, chat, "Atlantis/Capital")).plainText).toContain("not a timezone I know");
    expect((await say(world, chat, "america/new_york")).plainText).toContain("Digests at 06:45 and 18:30 (America/New_York)");
  });

  it("then /cancel leaves everything as it was", async () => {
    await say(world, chat, "/settings");
    expect((await say(world, chat, "/cancel")).plainText).toBe("Cancelled; nothing was changed.");
    expect((await say(world, chat, "/time")).plainText).toContain("06:45 and 18:30 (America/New_York)");
  });

  it("then another command in the middle leaves the conversation and runs", async () => {
    await say(world, chat, "/settings");
    expect((await say(world, chat, "/help")).plainText).toContain("/latest");
    expect((await say(world, chat, "08:00")).plainText).toContain("I only understand commands");
  });

  it("then a conversation survives a restart of the bot", async () => {
    await say(world, chat, "/settings");
    await world.restart();
    expect((await say(world, chat, "09:15")).plainText).toContain("Which timezone");
    expect((await press("Keep America/New_York")).plainText).toContain("Digests at 09:15 (America/New_York)");
  });
});
