package io.drover.apps.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.apps.core.AppsCore;
import io.drover.apps.core.DeploymentRecord;
import io.drover.apps.model.Group;
import io.drover.apps.model.Instance;
import io.drover.apps.store.Category;
import io.drover.apps.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a new leader's core starts from, as the driver stores it ({@link StateCodec}): the root group (id
 * {@link Category#ROOT_GROUP_ID} in {@link AppsStore#groups()}), every instance, every unfinished deployment and the
 * last task failure of each app.
 */
record StoredState(Optional<Group> root, List<Instance> instances, List<DeploymentRecord> deployments,
    List<AppsCore.TaskFailure> taskFailures) {
  StoredState {
    taskFailures = List.copyOf(taskFailures);
    instances = List.copyOf(instances);
    deployments = List.copyOf(deployments);
  }

  /**
   * @throws IllegalArgumentException if a stored value cannot be read (the state is corrupt: better to stop than to
   *     lead with half the state)
   */
  static StoredState load(AppsStore store) throws StoreException, InterruptedException {
    Optional<Group> root = store.groups().get(Category.ROOT_GROUP_ID).map(StateCodec::group);
    List<Instance> instances = new ArrayList<>();
    for (String id : store.instances().ids()) {
      store.instances().get(id).map(StateCodec::instance).ifPresent(instances::add);
    }
    List<DeploymentRecord> deployments = new ArrayList<>();
    for (String id : store.deployments().ids()) {
      Optional<JsonNode> node = store.deployments().get(id);
      node.map(StateCodec::deployment).ifPresent(deployments::add);
    }
    List<AppsCore.TaskFailure> failures = new ArrayList<>();
    for (String id : store.taskFailures().ids()) {
      store.taskFailures().get(id).map(StateCodec::taskFailure).ifPresent(failures::add);
    }
    return new StoredState(root, instances, deployments, failures);
  }
}
