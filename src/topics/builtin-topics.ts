import { POLITICS } from "./builtin/politics.js";
import { UKRAINE } from "./builtin/ukraine.js";
import { WORLD } from "./builtin/world.js";
import { ECONOMY } from "./builtin/economy.js";
import { CLIMATE } from "./builtin/climate.js";
import { TECHNOLOGY } from "./builtin/technology.js";
import { SCIENCE } from "./builtin/science.js";
import { HEALTH } from "./builtin/health.js";
import { SPORTS } from "./builtin/sports.js";

export interface TopicDefinition {
  name: string;
  /** RSS/Atom category names that put an item in this topic (case- and diacritics-insensitive). */
  categories: string[];
  /**
   * Whole words, `prefix*` words or phrases found in the title or summary; "a|b & c|d" needs one alternative of each
   * part anywhere in the article.
   */
  keywords: string[];
  /** Words, prefixes or phrases that keep an article out of the topic even when its keywords or categories match. */
  exclude?: string[];
}

/** The topics a catalog gets when it lists none of its own: English, Russian, Ukrainian and Azerbaijani. */
export const BUILTIN_TOPICS: TopicDefinition[] = [POLITICS, UKRAINE, WORLD, ECONOMY, CLIMATE, TECHNOLOGY, SCIENCE, HEALTH, SPORTS];
