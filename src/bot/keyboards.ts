import { InlineKeyboard } from "grammy";
import type { Topic } from "../db/schema.js";

export const TOPIC_BUTTON = /^topic:(\d{1,9})$/;
export const UNFOLLOW_BUTTON = /^unfollow:(\d{1,9})$/;
export const SEARCH_BUTTON = /^search:(\d{1,12}):(\d{1,6})$/;
export const MORE_BUTTON = /^more:(\d{1,9}):(\d{1,15})$/;
export const LATEST_BUTTON = /^latest:(all|\d{1,9}):(\d{1,5})$/;

/** One button per topic, two a row, subscribed ones ticked. */
export function topicPicker(topics: readonly Topic[], subscribed: ReadonlySet<number>): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  topics.forEach((topic, i) => {
    keyboard.text(`${subscribed.has(topic.id) ? "✅" : "▫️"} ${topic.name}`, `topic:${topic.id}`);
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard;
}

/**
 * Paging buttons under a list of stories: back to the newest, and on to the page starting at article `next`. A page
 * of stories takes a varying number of articles, so there is no single step back.
 */
export function pager(prefix: string, offset: number, next: number, hasMore: boolean): InlineKeyboard | undefined {
  const keyboard = new InlineKeyboard();
  if (offset > 0) keyboard.text("« Newest", `${prefix}:0`);
  if (hasMore) keyboard.text("More ›", `${prefix}:${next}`);
  return keyboard.inline_keyboard[0]?.length ? keyboard : undefined;
}
