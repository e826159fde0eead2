import type { Headline } from "../db/articles.js";
import { storyLine } from "../digests/format-digest.js";
import { storyPage, type Story } from "../stories/fold-stories.js";
import { MAX_MESSAGE_LENGTH } from "../telegram/html.js";

/** Stories a page of /latest or /search shows. */
export const PAGE_STORIES = 10;
/** Articles read per story shown: a story is seldom carried by more feeds. */
export const READ_PER_STORY = 3;

/**
 * A page of stories under a heading that fits one message: PAGE_STORIES stories, or fewer when their lines would pass
 * Telegram's 4096 characters; `used` is how many of the rows they account for.
 */
export function fitPage(rows: readonly Headline[], heading: string, now: number): { text: string; stories: Story<Headline>[]; used: number } {
  for (let n = PAGE_STORIES; ; n--) {
    const { stories, used } = storyPage(rows, n);
    const text = [heading, ...stories.map((story) => storyLine(story, now))].join("\n");
    if (text.length <= MAX_MESSAGE_LENGTH || n === 1) return { text, stories, used };
  }
}
