import * as promClient from "prom-client";
import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/server/metrics.js";
import { parseFamilies, parseSamples, sample } from "./prom-text.js";

async function samples(metrics: { render(): Promise<string> }): Promise<Map<string, number>> {
  return parseSamples(await metrics.render());
}

describe("createMetrics", () => {
  it("shows every labelled series at zero from the first scrape", async () => {
    const metrics = createMetrics({ outboxDepth: () => 0 });
    expect(metrics.contentType).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await metrics.render();
    const values = parseSamples(text);
    for (const outcome of ["stored", "not-modified", "failed"]) {
      expect(sample(values, `news_digest_feed_polls_total{outcome="${outcome}"}`)).toBe(0);
      expect(sample(values, `news_digest_feed_poll_duration_seconds_count{outcome="${outcome}"}`)).toBe(0);
      expect(sample(values, `news_digest_feed_poll_duration_seconds_bucket{le="30",outcome="${outcome}"}`)).toBe(0);
    }
    for (const outcome of ["sent", "429", "403", "dropped", "failed", "migrated"]) {
      expect(sample(values, `news_digest_messages_total{outcome="${outcome}"}`)).toBe(0);
    }
    for (const type of ["message", "callback_query", "other"]) {
      expect(sample(values, `news_digest_update_duration_seconds_count{type="${type}"}`)).toBe(0);
      expect(sample(values, `news_digest_update_errors_total{type="${type}"}`)).toBe(0);
    }
    expect(sample(values, "news_digest_articles_stored_total")).toBe(0);
    expect(sample(values, "news_digest_digests_composed_total")).toBe(0);
    expect(sample(values, "news_digest_outbox_depth")).toBe(0);
    // Buckets as documented.
    const feedBuckets = [...text.matchAll(/^news_digest_feed_poll_duration_seconds_bucket\{le="([^"]+)",outcome="stored"\}/gm)].map((m) => m[1]);
    expect(feedBuckets).toEqual(["0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "20", "30", "+Inf"]);
    const updateBuckets = [...text.matchAll(/^news_digest_update_duration_seconds_bucket\{le="([^"]+)",type="message"\}/gm)].map((m) => m[1]);
    expect(updateBuckets).toEqual(["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"]);
  });

  it("counts what the methods report", async () => {
    const metrics = createMetrics({ outboxDepth: () => 5 });
    metrics.feedPolled("stored", 0.07);
    metrics.feedPolled("stored", 12);
    metrics.feedPolled("failed", 31);
    metrics.feedPolled("not-modified", 0.01);
    metrics.articlesStored(20);
    metrics.articlesStored(5);
    metrics.digestsComposed(3);
    metrics.messageSent("sent");
    metrics.messageSent("sent");
    metrics.messageSent("403");
    metrics.messageSent("migrated");
    metrics.updateHandled("message", 0.004, true);
    metrics.updateHandled("message", 0.3, false);
    metrics.updateHandled("callback_query", 0.02, true);
    metrics.updateHandled("chat_member", 0.02, true);
    metrics.updateHandled("made-up type", 0.02, false);

    const values = await samples(metrics);
    expect(sample(values, 'news_digest_feed_polls_total{outcome="stored"}')).toBe(2);
    expect(sample(values, 'news_digest_feed_polls_total{outcome="failed"}')).toBe(1);
    expect(sample(values, 'news_digest_feed_polls_total{outcome="not-modified"}')).toBe(1);
    expect(sample(values, 'news_digest_feed_poll_duration_seconds_bucket{le="0.1",outcome="stored"}')).toBe(1);
    expect(sample(values, 'news_digest_feed_poll_duration_seconds_bucket{le="20",outcome="stored"}')).toBe(2);
    expect(sample(values, 'news_digest_feed_poll_duration_seconds_bucket{le="30",outcome="failed"}')).toBe(0);
    expect(sample(values, 'news_digest_feed_poll_duration_seconds_bucket{le="+Inf",outcome="failed"}')).toBe(1);
    expect(sample(values, 'news_digest_feed_poll_duration_seconds_sum{outcome="stored"}')).toBeCloseTo(12.07);
    expect(sample(values, "news_digest_articles_stored_total")).toBe(25);
    expect(sample(values, "news_digest_digests_composed_total")).toBe(3);
    expect(sample(values, 'news_digest_messages_total{outcome="sent"}')).toBe(2);
    expect(sample(values, 'news_digest_messages_total{outcome="403"}')).toBe(1);
    expect(sample(values, 'news_digest_messages_total{outcome="migrated"}')).toBe(1);
    expect(sample(values, 'news_digest_messages_total{outcome="429"}')).toBe(0);
    expect(sample(values, 'news_digest_update_duration_seconds_bucket{le="0.005",type="message"}')).toBe(1);
    expect(sample(values, 'news_digest_update_duration_seconds_count{type="message"}')).toBe(2);
    expect(sample(values, 'news_digest_update_errors_total{type="message"}')).toBe(1);
    expect(sample(values, 'news_digest_update_errors_total{type="callback_query"}')).toBe(0);
    // A real update type appears when it first occurs; an unknown string is folded into "other".
    expect(sample(values, 'news_digest_update_duration_seconds_count{type="chat_member"}')).toBe(1);
    expect(sample(values, 'news_digest_update_duration_seconds_count{type="other"}')).toBe(1);
    expect(sample(values, 'news_digest_update_errors_total{type="other"}')).toBe(1);
    expect([...values.keys()].some((key) => key.includes("made-up"))).toBe(false);
    expect(sample(values, "news_digest_outbox_depth")).toBe(5);
  });

  it("never throws at the caller for bad numbers, and ignores them", async () => {
    const metrics = createMetrics({ outboxDepth: () => 0 });
    expect(() => {
      metrics.articlesStored(-3);
      metrics.articlesStored(Number.NaN);
      metrics.digestsComposed(0);
      metrics.feedPolled("stored", -1);
      metrics.feedPolled("stored", Number.POSITIVE_INFINITY);
      metrics.updateHandled("message", Number.NaN, true);
    }).not.toThrow();
    const values = await samples(metrics);
    expect(sample(values, "news_digest_articles_stored_total")).toBe(0);
    expect(sample(values, "news_digest_digests_composed_total")).toBe(0);
    // The poll is counted; only its impossible duration is dropped.
    expect(sample(values, 'news_digest_feed_polls_total{outcome="stored"}')).toBe(2);
    expect(sample(values, 'news_digest_feed_poll_duration_seconds_count{outcome="stored"}')).toBe(0);
    expect(sample(values, 'news_digest_update_duration_seconds_count{type="message"}')).toBe(0);
  });

  it("reads the outbox depth at each scrape and keeps the last value when reading throws", async () => {
    let depth: number | Error = 4;
    const metrics = createMetrics({
      outboxDepth: () => {
        if (depth instanceof Error) throw depth;
        return depth;
      },
    });
    expect(sample(await samples(metrics), "news_digest_outbox_depth")).toBe(4);
    depth = 9;
    expect(sample(await samples(metrics), "news_digest_outbox_depth")).toBe(9);
    depth = new Error("The database connection is not open");
    const failed = await samples(metrics);
    expect(sample(failed, "news_digest_outbox_depth")).toBe(9);
    expect(sample(failed, "news_digest_outbox_depth_read_failures_total")).toBe(1);
    depth = Number.NaN;
    const nan = await samples(metrics);
    expect(sample(nan, "news_digest_outbox_depth")).toBe(9);
    expect(sample(nan, "news_digest_outbox_depth_read_failures_total")).toBe(2);
  });

  it("keeps each instance's counts apart, shares the process metrics, and leaves the global registry alone", async () => {
    const a = createMetrics({ outboxDepth: () => 1 });
    const b = createMetrics({ outboxDepth: () => 2 });
    a.messageSent("sent");
    const [textA, textB] = await Promise.all([a.render(), b.render()]);
    expect(sample(parseSamples(textA), 'news_digest_messages_total{outcome="sent"}')).toBe(1);
    expect(sample(parseSamples(textB), 'news_digest_messages_total{outcome="sent"}')).toBe(0);
    expect(sample(parseSamples(textB), "news_digest_outbox_depth")).toBe(2);
    for (const text of [textA, textB]) {
      const families = parseFamilies(text);
      for (const name of ["process_cpu_seconds_total", "process_resident_memory_bytes", "nodejs_eventloop_lag_seconds", "nodejs_gc_duration_seconds", "nodejs_heap_size_used_bytes"]) {
        expect(families.has(name), name).toBe(true);
      }
    }
    expect(promClient.register.getMetricsAsArray()).toEqual([]);
  });
});
