package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;

/** The one-shot status commands: {@code drover queue} and {@code drover leader}. */
public final class StatusCommands {
  private StatusCommands() {}

  /** {@code drover queue}: what waits to launch, and why it is not starting. */
  @Command(name = "queue", exitCodeOnInvalidInput = ClientExit.USAGE,
      exitCodeListHeading = ClientExit.LIST_HEADING, exitCodeList = {ClientExit.LIST_0, ClientExit.LIST_1,
          ClientExit.LIST_64},
      description = {"Show the instances waiting to launch, their backoff delay, and why offers were declined "
          + "(e.g. InsufficientCpus): the \"why is my app not starting?\" view."})
  public static final class Queue extends ClientCommand {
    @Override int execute() {
      Api api = apps();
      JsonNode body = ApiErrors.expectOk(api, api.get("/v2/queue"), null);
      if (options.json) {
        printJson(body);
        return ClientExit.OK;
      }
      if (body.path("queue").isEmpty()) {
        out.println("nothing is waiting to launch");
        return ClientExit.OK;
      }
      Table t = new Table("APP", "WAITING", "DELAY", "DECLINED BECAUSE");
      for (JsonNode item : body.path("queue")) {
        JsonNode delay = item.path("delay");
        String wait = delay.path("overdue").asBoolean(true) ? "-" : delay.path("timeLeftSeconds").asInt() + " s";
        t.row(item.path("app").path("id").asText(), item.path("count").asInt(), wait,
            reasons(item.path("processedOffersSummary")));
      }
      t.print(out);
      return ClientExit.OK;
    }

    /** The top three decline reasons of the last offers, e.g. "InsufficientCpus (4 of 4 offers)". */
    static String reasons(JsonNode summary) {
      List<JsonNode> declined = new ArrayList<>();
      summary.path("rejectSummaryLastOffers").forEach(s -> {
        if (s.path("declined").asInt() > 0) declined.add(s);
      });
      if (declined.isEmpty()) {
        return summary.path("processedOffersCount").asInt() == 0 ? "no offers yet" : "-";
      }
      declined.sort(Comparator.comparingInt((JsonNode s) -> s.path("declined").asInt()).reversed());
      List<String> parts = new ArrayList<>();
      for (JsonNode s : declined.subList(0, Math.min(3, declined.size()))) {
        parts.add(s.path("reason").asText() + " (" + s.path("declined").asInt() + " of "
            + s.path("processed").asInt() + " offers)");
      }
      return String.join(", ", parts);
    }
  }

  /** {@code drover leader}: which apps instance leads. */
  @Command(name = "leader", exitCodeOnInvalidInput = ClientExit.USAGE,
      exitCodeListHeading = ClientExit.LIST_HEADING, exitCodeList = {ClientExit.LIST_0, ClientExit.LIST_1,
          ClientExit.LIST_64},
      description = "Print the host:port of the leading apps instance (GET /v2/leader).")
  public static final class Leader extends ClientCommand {
    @Override int execute() {
      Api api = apps();
      JsonNode body = ApiErrors.expectOk(api, api.get("/v2/leader"), "no apps leader is elected at the moment; "
          + "retry in a few seconds");
      if (options.json) {
        printJson(body);
      } else {
        out.println(body.path("leader").asText());
      }
      return ClientExit.OK;
    }
  }
}
