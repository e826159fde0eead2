/** The commands the bot offers, as Telegram's menu and /help show them. */
export const COMMANDS = [
  { command: "start", description: "Welcome and pick your topics" },
  { command: "topics", description: "Pick the topics you follow" },
  { command: "subscribe", description: "Follow a topic: /subscribe Politics" },
  { command: "unsubscribe", description: "Stop following a topic" },
  { command: "latest", description: "Latest headlines: /latest or /latest Ukraine" },
  { command: "preview", description: "Try a rule on the last day: /preview Mariupol OR Mykolaiv" },
  { command: "follow", description: "Follow your own words: /follow Mariupol OR Mykolaiv -sport" },
  { command: "unfollow", description: "Stop following your own words" },
  { command: "search", description: "Search all stored articles: /search Kyiv metro" },
  { command: "digest", description: "Your digest now" },
  { command: "settings", description: "Digest times and timezone, step by step" },
  { command: "time", description: "Digest times: /time 08:00,19:00" },
  { command: "timezone", description: "Your timezone: /timezone Europe/Kyiv" },
  { command: "pause", description: "Pause scheduled digests" },
  { command: "resume", description: "Resume scheduled digests" },
  { command: "help", description: "What I can do" },
] as const;
