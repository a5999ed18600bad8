package io.drover.apps.core;

import io.drover.apps.deploy.InstanceCondition;
import io.drover.apps.launch.StatusEvents;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.Instance;
import io.drover.apps.model.InstanceId;
import io.drover.apps.model.PathId;
import io.drover.apps.model.TaskId;
import io.drover.apps.model.Timestamp;
import io.drover.apps.placement.LaunchQueue;
import io.drover.apps.placement.MatchResult;
import io.drover.apps.placement.OfferMatcher;
import io.drover.apps.placement.OfferView;
import io.drover.apps.placement.PlacedInstance;
import io.drover.apps.placement.PlacementSpec;
import io.drover.master.api.v1.Offer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Offers: each offer is matched for the launchable apps in queue order (delay over, launch tokens left), the
 * remainder of the offer passed on to the next app; every attempt goes into the offer statistics. Offers that
 * launch nothing are declined with the queue's refuse duration, except when instances wait only for launch tokens:
 * then for {@link #TOKEN_WAIT_REFUSE_SECONDS}, since tokens come back as launches are confirmed (a 120 s refusal
 * would leave the queue waiting for minutes with offers at hand).
 */
final class OfferHandler {
  private final AppsCore core;

  static final double TOKEN_WAIT_REFUSE_SECONDS = 1.0;

  OfferHandler(AppsCore core) { this.core = core; }

  void handle(List<Offer> offers) {
    long now = core.now();
    List<String> declined = new ArrayList<>();
    List<String> waitingForTokens = new ArrayList<>();
    for (Offer offer : offers) {
      Offer remaining = offer;
      List<CoreEffect.LaunchRequest> launches = new ArrayList<>();
      boolean outOfTokens = false;
      for (LaunchQueue.Entry entry : core.launchQueue.launchable(now)) {
        Optional<AppDefinition> app = core.root.app(PathId.of(entry.appId()));
        if (app.isEmpty()) continue;
        int wanted = Math.min(entry.count(), core.tokens.available(now));
        if (wanted == 0) {
          outOfTokens = true;
          break;
        }
        PlacementSpec spec = AppSpecs.placement(app.get());
        OfferMatcher.OfferPlacement placement =
            core.matcher.place(remaining, spec, placed(app.get()), wanted, now, core.rng);
        for (MatchResult attempt : placement.attempts()) core.statistics.record(entry.appId(), offer, attempt, now);
        for (MatchResult.Match m : placement.matches()) {
          core.tokens.take(1, now);
          launches.add(launch(app.get(), offer, m, now));
        }
        if (!placement.matches().isEmpty()
            && core.launchQueue.launched(entry.appId(), placement.matches().size()) == 0) {
          core.statistics.launchFinished(entry.appId());
        }
        remaining = placement.remaining();
      }
      if (!launches.isEmpty()) core.emit(new CoreEffect.Launch(offer.id().value(), launches));
      else (outOfTokens ? waitingForTokens : declined).add(offer.id().value());
    }
    if (!declined.isEmpty()) core.emit(new CoreEffect.Decline(declined, core.launchQueue.declineRefuseSeconds()));
    if (!waitingForTokens.isEmpty()) core.emit(new CoreEffect.Decline(waitingForTokens, TOKEN_WAIT_REFUSE_SECONDS));
  }

  /** The app's instances of its current config version that run somewhere, for constraints. */
  private List<PlacedInstance> placed(AppDefinition app) {
    Timestamp config = AppSpecs.configVersion(app);
    List<PlacedInstance> out = new ArrayList<>();
    for (TrackedInstance t : core.tracker.of(app.id().toString())) {
      if (!t.configVersion().equals(config) || t.condition().consideredGone() || t.instance().agentId() == null) continue;
      out.add(new PlacedInstance(t.instance().agentId(), t.instance().host(), t.attributes(),
          t.instance().region().orElse(null), t.instance().zone().orElse(null)));
    }
    return out;
  }

  private CoreEffect.LaunchRequest launch(AppDefinition app, Offer offer, MatchResult.Match m, long now) {
    InstanceId id = InstanceId.create(app.id(), core.rng);
    Timestamp version = app.version().orElse(AppSpecs.configVersion(app));
    Instance instance = new Instance(id, TaskId.of(id, 1), version, m.agentId().value(), m.hostname(), m.hostPorts(),
        app.servicePorts(), List.of(), "TASK_STAGING", Timestamp.ofEpochMs(now), Optional.empty(), List.of(),
        app.role(), OfferView.region(offer), OfferView.zone(offer));
    TrackedInstance t = new TrackedInstance(instance, AppSpecs.configVersion(app), InstanceCondition.PROVISIONED,
        false, offer.attributes(), OptionalLong.empty(), OptionalLong.empty(), 0, false, false, false);
    core.tracker.put(t);
    core.emit(new CoreEffect.PersistInstance(instance));
    core.publish(StatusEvents.instanceChanged(instance, InstanceCondition.PROVISIONED, Timestamp.ofEpochMs(now)));
    core.notifyDeployments(t);
    return new CoreEffect.LaunchRequest(app, instance, m, app.servicePorts());
  }
}
