package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns an API's refusal into a message that says what went wrong and what to do. */
final class ApiErrors {
  private ApiErrors() {}

  /** The JSON body of a 2xx answer; otherwise throws the explained error. */
  static JsonNode expectOk(Api api, Api.Response r, String notFound) {
    if (r.ok()) return r.json();
    throw explain(api, r, notFound);
  }

  /**
   * @param notFound what a 404 means in the command's terms, e.g. "no app /x (drover app list shows the apps)";
   *     null to print the API's own message
   */
  static CliException explain(Api api, Api.Response r, String notFound) {
    JsonNode body = r.json();
    String message = body.path("message").asText("").strip();
    if (message.isEmpty()) message = r.body().strip();
    StringBuilder sb = new StringBuilder();
    switch (r.status()) {
      case 404 -> sb.append(notFound != null ? notFound : message.isEmpty() ? "not found" : message);
      case 409 -> {
        sb.append(message.isEmpty() ? "locked by a running deployment" : message);
        StringBuilder ids = new StringBuilder();
        for (JsonNode d : body.path("deployments")) {
          sb.append("\n  blocked by deployment ").append(d.path("id").asText());
          if (ids.isEmpty()) ids.append(d.path("id").asText());
        }
        sb.append("\nAdd --force to cancel the blocking deployment and go ahead");
        if (!ids.isEmpty()) sb.append(", or wait for it: drover deployment watch ").append(ids);
        sb.append('.');
      }
      case 503 -> sb.append(api.what()).append(" at ").append(api.baseUrl())
          .append(" has no leader yet or is still loading its state")
          .append(message.isEmpty() ? "" : " (" + message + ")").append("; retry in a few seconds.");
      default -> {
        sb.append(r.status() >= 500 ? api.what() + " failed (HTTP " + r.status() + ")" : message.isEmpty()
            ? "refused (HTTP " + r.status() + ")" : message);
        if (r.status() >= 500 && !message.isEmpty()) sb.append(": ").append(message);
        for (JsonNode d : body.path("details")) {
          StringBuilder errors = new StringBuilder();
          for (JsonNode e : d.path("errors")) errors.append(errors.isEmpty() ? "" : "; ").append(e.asText());
          sb.append("\n  ").append(d.path("path").asText("/")).append(": ").append(errors);
        }
      }
    }
    return new CliException(sb.toString());
  }
}
