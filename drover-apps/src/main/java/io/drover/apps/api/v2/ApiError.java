package io.drover.apps.api.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.model.ErrorBody;

/**
 * An answer other than success, thrown from a route and written by the API's exception handler as
 * {@code status} with the JSON {@code body} (never a stack trace).
 */
final class ApiError extends RuntimeException {
  private final int status;
  private final transient ObjectNode body;

  ApiError(int status, ObjectNode body) {
    super(status + " " + body, null, false, false);
    this.status = status;
    this.body = body;
  }

  static ApiError of(int status, ErrorBody body) { return new ApiError(status, body.toJson()); }

  static ApiError message(int status, String message) { return of(status, ErrorBody.message(message)); }

  static ApiError appNotFound(Object appId) { return message(404, "App '" + appId + "' does not exist"); }

  int status() { return status; }

  ObjectNode body() { return body; }
}
