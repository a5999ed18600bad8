package io.drover.apps.placement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.json.Json;
import io.drover.master.api.v1.Attribute;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.Resource;
import io.drover.master.api.v1.Value;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A {@code /v2/queue} item without its {@code app} field (the wiring adds the app JSON):
 * {@code count, role, delay{timeLeftSeconds, overdue}, since, processedOffersSummary{...}, lastUnusedOffers?}, in
 * Marathon's shapes ({@code types/queue.raml}, {@code types/offer.raml}). Timestamps are ISO-8601 UTC with
 * milliseconds.
 */
public final class QueueItemJson {
  private QueueItemJson() {}

  private static final ObjectMapper MAPPER = Json.camelCase();
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * @param withLastUnusedOffers {@code embed=lastUnusedOffers}
   */
  public static ObjectNode toJson(LaunchQueue.Entry entry, QueueDelay delay, OfferStatistics.Summary summary,
      boolean withLastUnusedOffers) {
    ObjectNode item = MAPPER.createObjectNode();
    item.put("count", entry.count());
    item.put("role", entry.role());
    ObjectNode d = item.putObject("delay");
    d.put("timeLeftSeconds", delay.timeLeftSeconds());
    d.put("overdue", delay.overdue());
    item.put("since", timestamp(entry.sinceMs()));
    ObjectNode s = item.putObject("processedOffersSummary");
    s.put("processedOffersCount", summary.processedOffersCount());
    s.put("unusedOffersCount", summary.unusedOffersCount());
    summary.lastUnusedOfferAtMs().ifPresent(t -> s.put("lastUnusedOfferAt", timestamp(t)));
    summary.lastUsedOfferAtMs().ifPresent(t -> s.put("lastUsedOfferAt", timestamp(t)));
    steps(s.putArray("rejectSummaryLastOffers"), summary.rejectSummaryLastOffers());
    steps(s.putArray("rejectSummaryLaunchAttempt"), summary.rejectSummaryLaunchAttempt());
    if (withLastUnusedOffers) {
      ArrayNode unused = item.putArray("lastUnusedOffers");
      for (OfferStatistics.UnusedOffer u : summary.lastUnusedOffers()) {
        ObjectNode o = unused.addObject();
        o.set("offer", offer(u.offer()));
        ArrayNode reasons = o.putArray("reason");
        for (Reason r : u.reasons()) reasons.add(r.name());
        o.put("timestamp", timestamp(u.timestampMs()));
      }
    }
    return item;
  }

  /** ISO-8601 UTC with milliseconds, e.g. {@code 2015-09-25T15:13:48.343Z}. */
  public static String timestamp(long epochMs) { return ISO.format(Instant.ofEpochMilli(epochMs)); }

  private static void steps(ArrayNode out, List<OfferStatistics.DeclinedOfferStep> steps) {
    for (OfferStatistics.DeclinedOfferStep step : steps) {
      ObjectNode n = out.addObject();
      n.put("reason", step.reason().name());
      n.put("declined", step.declined());
      n.put("processed", step.processed());
    }
  }

  /** Marathon's offer summary: {@code id, hostname, agentId, resources[], attributes[]}. */
  static ObjectNode offer(Offer offer) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", offer.id() == null ? "" : offer.id().value());
    o.put("hostname", offer.hostname());
    o.put("agentId", offer.agentId() == null ? "" : offer.agentId().value());
    ArrayNode resources = o.putArray("resources");
    if (offer.resources() != null) {
      for (Resource r : offer.resources()) {
        ObjectNode n = resources.addObject();
        n.put("name", r.name());
        n.put("role", OfferView.reservationRole(r));
        payload(n, r.type(), r.scalar(), r.ranges(), r.set());
      }
    }
    ArrayNode attributes = o.putArray("attributes");
    if (offer.attributes() != null) {
      for (Attribute a : offer.attributes()) {
        ObjectNode n = attributes.addObject();
        n.put("name", a.name());
        if (a.type() == Value.Type.TEXT && a.text() != null) n.put("text", a.text().value());
        payload(n, a.type(), a.scalar(), a.ranges(), a.set());
      }
    }
    return o;
  }

  private static void payload(ObjectNode n, Value.Type type, Value.Scalar scalar, Value.Ranges ranges,
      Value.Set set) {
    if (type == Value.Type.SCALAR && scalar != null) n.put("scalar", scalar.value());
    if (type == Value.Type.RANGES && ranges != null) {
      ArrayNode a = n.putArray("ranges");
      if (ranges.range() != null) {
        for (Value.Range g : ranges.range()) a.addObject().put("begin", g.begin()).put("end", g.end());
      }
    }
    if (type == Value.Type.SET && set != null) {
      ArrayNode a = n.putArray("set");
      if (set.item() != null) set.item().forEach(a::add);
    }
  }
}
