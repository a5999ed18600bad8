package io.drover.cli.client;

import picocli.CommandLine.Option;

/** The options every client command takes: where the apps API and the master are, and the output format. */
final class ClientOptions {
  static final String DEFAULT_APPS = "http://127.0.0.1:8080";
  static final String DEFAULT_MASTER = "http://127.0.0.1:5050";

  @Option(names = "--apps", paramLabel = "URL", defaultValue = "${env:DROVER_APPS:-" + DEFAULT_APPS + "}",
      description = "The apps API (Marathon REST API v2), env DROVER_APPS. Default: ${DEFAULT-VALUE}")
  String apps;

  @Option(names = "--master", paramLabel = "URL", defaultValue = "${env:DROVER_MASTER:-" + DEFAULT_MASTER + "}",
      description = "The master (Mesos HTTP API), env DROVER_MASTER. Default: ${DEFAULT-VALUE}")
  String master;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--json", description = "Print the API's JSON (pretty) instead of tables.")
  boolean json;

  Api appsApi() { return new Api(apps, "the apps API", "--apps / DROVER_APPS"); }

  Api masterApi() { return new Api(master, "the master", "--master / DROVER_MASTER"); }
}
