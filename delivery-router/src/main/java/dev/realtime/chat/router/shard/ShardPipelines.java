package dev.realtime.chat.router.shard;

import dev.realtime.chat.model.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pipelines of every delivery shard, closed together when the router stops. */
public final class ShardPipelines implements AutoCloseable {

    private final List<ShardPipeline> pipelines;
    private final List<AutoCloseable> resources;

    public ShardPipelines(List<ShardPipeline> pipelines, List<AutoCloseable> resources) {
        this.pipelines = List.copyOf(pipelines);
        this.resources = List.copyOf(resources);
    }

    public List<ShardPipeline> all() {
        return pipelines;
    }

    public Map<String, ShardPipeline> byQueue() {
        Map<String, ShardPipeline> byQueue = new LinkedHashMap<>();
        for (ShardPipeline pipeline : pipelines) {
            byQueue.put(Topology.deliveryQueue(pipeline.shard()), pipeline);
        }
        return byQueue;
    }

    public String[] queueNames() {
        return byQueue().keySet().toArray(String[]::new);
    }

    @Override
    public void close() {
        for (ShardPipeline pipeline : pipelines) {
            pipeline.close();
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // shutting down anyway
            }
        }
    }
}
