import { formatAge } from "../telegram/age.js";
import { bold, escapeHtml, link, packMessages } from "../telegram/html.js";
import type { DigestSection } from "./compose-digest.js";
import { formatLocalTime } from "./schedule.js";

/** Renders a digest as Telegram HTML messages, split between articles, each continuation repeating its topic heading. */
export function formatDigest(sections: readonly DigestSection[], timeZone: string, now: number): string[] {
  const count = sections.reduce((n, s) => n + s.articles.length, 0);
  const lines: string[] = [`📰 ${bold(`Your news digest · ${formatLocalTime(now, timeZone, true)}`)}`, `${count} new ${count === 1 ? "story" : "stories"}`];
  const headings: (string | undefined)[] = [undefined, undefined];
  for (const section of sections) {
    // A user's own topic is marked, so it is not taken for one of the bot's.
    const heading = bold(section.topic.ownerChatId === null ? section.topic.name : `🔎 ${section.topic.name}`);
    lines.push("", heading);
    headings.push(undefined, undefined);
    for (const article of section.articles) {
      lines.push(articleLine(article, now));
      headings.push(`${heading} ${escapeHtml("(continued)")}`);
    }
    if (section.more > 0) {
      lines.push(`<i>${escapeHtml(`…and ${section.more} more in ${section.topic.name}`)}</i>`);
      headings.push(undefined);
    }
  }
  return packMessages(lines, undefined, (i) => headings[i]);
}

export function articleLine(article: { title: string; link: string | null; source: string; publishedAt: number }, now: number): string {
  // Very long URLs would eat the message budget; such an article is shown without its link.
  const url = article.link && article.link.length <= 1000 ? article.link : null;
  return `• ${link(article.title, url)} — ${escapeHtml(article.source)}, ${formatAge(article.publishedAt, now)}`;
}
