import { sameStory, storySignature, type StorySignature } from "./same-story.js";

/** An article as folding needs it. */
export interface StoryArticle {
  title: string;
  publishedAt: number;
  /** The feed it was first seen in. */
  source: string;
  /** Other feeds that carried the same link (see articleSources). */
  alsoSources?: readonly string[];
}

/** One story: its articles, newest first (the first is the one shown), and every source that carried it. */
export interface Story<T extends StoryArticle> {
  articles: T[];
  /** Distinct source names, the shown article's first. */
  sources: string[];
}

const signatures = new WeakMap<StoryArticle, StorySignature>();

function signatureOf(article: StoryArticle): StorySignature {
  let signature = signatures.get(article);
  if (!signature) signatures.set(article, (signature = storySignature({ title: article.title, publishedAt: article.publishedAt })));
  return signature;
}

/**
 * Folds articles (newest first) into stories, ordered as digests show them: the most sources first, then the newest.
 */
export function foldStories<T extends StoryArticle>(articles: readonly T[]): Story<T>[] {
  // The sort is stable: stories alike in both keep their list order.
  return groupStories(articles).sort((a, b) => b.sources.length - a.sources.length || b.articles[0]!.publishedAt - a.articles[0]!.publishedAt);
}

/**
 * A page of a list of articles (newest first) as stories, in list order: the first `count` stories, and how many of
 * the leading articles they account for, where the next page starts. An article of a shown story further down than
 * that may show again on the next page.
 */
export function storyPage<T extends StoryArticle>(articles: readonly T[], count: number): { stories: Story<T>[]; used: number } {
  const stories = groupStories(articles).slice(0, count);
  const shown = new Set(stories.flatMap((s) => s.articles));
  let used = 0;
  while (used < articles.length && shown.has(articles[used]!)) used++;
  return { stories, used };
}

/**
 * Groups articles into stories in list order: an article joins the first story holding an article it is the same
 * story as (src/stories/same-story.ts), else starts one.
 */
function groupStories<T extends StoryArticle>(articles: readonly T[]): Story<T>[] {
  const stories: Story<T>[] = [];
  for (const article of articles) {
    const signature = signatureOf(article);
    const story = stories.find((s) => s.articles.some((other) => sameStory(signatureOf(other), signature)));
    if (story) {
      story.articles.push(article);
      addSources(story.sources, article);
    } else {
      const sources: string[] = [];
      addSources(sources, article);
      stories.push({ articles: [article], sources });
    }
  }
  return stories;
}

/** A story of the given articles, without folding them again (what is left of a story once some were sent). */
export function storyOf<T extends StoryArticle>(articles: T[]): Story<T> {
  const sources: string[] = [];
  for (const article of articles) addSources(sources, article);
  return { articles, sources };
}

function addSources(sources: string[], article: StoryArticle): void {
  for (const name of [article.source, ...(article.alsoSources ?? [])]) if (!sources.includes(name)) sources.push(name);
}
