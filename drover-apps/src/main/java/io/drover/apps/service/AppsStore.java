package io.drover.apps.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.apps.store.Category;
import io.drover.apps.store.ValueCodec;
import io.drover.apps.store.VersionedRepository;
import io.drover.apps.store.ZkValueStore;
import io.drover.common.json.Json;
import java.util.Objects;

/**
 * The apps state in ZooKeeper under {@code <zk path>/state} (marathon.md §5): one repository per Marathon category,
 * values as camelCase JSON trees, plus the framework id. All writes go through {@link #values()}, fenced by this
 * instance's leader latch node, so only the leader writes. Modules that want another codec build their own
 * {@link VersionedRepository} on {@link #values()} and {@link #stateRoot()}.
 *
 * @param values the fenced byte store every repository writes through
 * @param stateRoot e.g. {@code /drover/apps/state}
 * @param apps app definitions by app id, versioned
 * @param groups the root group ({@link Category#ROOT_GROUP_ID}), versioned
 * @param deployments deployment plans by id
 * @param instances instances by instance id
 * @param taskFailures the last task failure by app id
 * @param frameworkId the framework id Mesos assigned
 */
public record AppsStore(ZkValueStore values, String stateRoot, VersionedRepository<JsonNode> apps,
    VersionedRepository<JsonNode> groups, VersionedRepository<JsonNode> deployments,
    VersionedRepository<JsonNode> instances, VersionedRepository<JsonNode> taskFailures,
    FrameworkIdStore frameworkId) {

  public AppsStore {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(apps, "apps");
    Objects.requireNonNull(groups, "groups");
    Objects.requireNonNull(deployments, "deployments");
    Objects.requireNonNull(instances, "instances");
    Objects.requireNonNull(taskFailures, "taskFailures");
    Objects.requireNonNull(frameworkId, "frameworkId");
  }

  /** The repositories of {@code zkPath}'s state ({@code zkPath + "/state"}) on {@code values}. */
  public static AppsStore open(ZkValueStore values, String zkPath) {
    String root = VersionedRepository.stateRoot(zkPath);
    ValueCodec<JsonNode> json = ValueCodec.json(Json.camelCase());
    return new AppsStore(values, root,
        new VersionedRepository<>(values, root, Category.APPS, json),
        new VersionedRepository<>(values, root, Category.GROUP, json),
        new VersionedRepository<>(values, root, Category.DEPLOYMENT, json),
        new VersionedRepository<>(values, root, Category.INSTANCE, json),
        new VersionedRepository<>(values, root, Category.TASK_FAILURES, json),
        new FrameworkIdStore(values, root));
  }
}
