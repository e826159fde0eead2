import { formatAge } from "../telegram/age.js";
import { bold, escapeHtml, link, packMessages, truncate } from "../telegram/html.js";
import type { Story, StoryArticle } from "../stories/fold-stories.js";
import type { DigestSection } from "./compose-digest.js";
import { formatLocalTime } from "./schedule.js";

/** Renders a digest as Telegram HTML messages, split between articles, each continuation repeating its topic heading. */
export function formatDigest(sections: readonly DigestSection[], timeZone: string, now: number): string[] {
  const count = sections.reduce((n, s) => n + s.stories.length, 0);
  const lines: string[] = [`📰 ${bold(`Your news digest · ${formatLocalTime(now, timeZone, true)}`)}`, `${count} new ${count === 1 ? "story" : "stories"}`];
  const headings: (string | undefined)[] = [undefined, undefined];
  for (const section of sections) {
    // A user's own topic is marked, so it is not taken for one of the bot's.
    const heading = bold(section.topic.ownerChatId === null ? section.topic.name : `🔎 ${section.topic.name}`);
    lines.push("", heading);
    headings.push(undefined, undefined);
    for (const story of section.stories) {
      lines.push(storyLine(story, now));
      headings.push(`${heading} ${escapeHtml("(continued)")}`);
    }
  }
  return packMessages(lines, undefined, (i) => headings[i]);
}

const MAX_ALSO = 3;

/** A story's line: its newest article, and the other sources that carried it. */
export function storyLine(story: Story<ShownArticle>, now: number): string {
  const others = story.sources.slice(1);
  if (others.length === 0) return articleLine(story.articles[0]!, now);
  // A story carried by dozens of feeds names three of the others, so that its line stays a line.
  const named = others.slice(0, MAX_ALSO).map((name) => truncate(name, 40)).join(", ");
  const rest = others.length > MAX_ALSO ? ` and ${others.length - MAX_ALSO} more` : "";
  return `${articleLine(story.articles[0]!, now)} · also: ${escapeHtml(named + rest)}`;
}

interface ShownArticle extends StoryArticle {
  link: string | null;
}

export function articleLine(article: ShownArticle, now: number): string {
  // Very long URLs would eat the message budget; such an article is shown without its link.
  const url = article.link && article.link.length <= 1000 ? article.link : null;
  return `• ${link(article.title, url)} — ${escapeHtml(article.source)}, ${formatAge(article.publishedAt, now)}`;
}
