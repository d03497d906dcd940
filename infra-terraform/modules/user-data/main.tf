# Renders the boot script (EC2 user data) of every role. No resources: the scripts are inputs of the
# ec2-fleet module. Per-instance values (gateway id, worker id, node name, Redis role) are not rendered in:
# each instance reads them from its own tags through IMDSv2, so one launch template serves a whole fleet.

locals {
  common = file("${path.module}/templates/common.sh")

  # zipmap + list comprehension (map iteration is in key order, like keys()): hcl4j, the parser of the
  # policy tests, cannot read a map comprehension whose values are function calls.
  java_services = zipmap(keys(var.java_services), [
    for name, service in var.java_services : templatefile("${path.module}/templates/java-service.sh.tftpl", {
      common               = local.common
      service              = name
      artifact_bucket      = service.artifact_bucket
      artifact_key         = service.artifact_key
      artifact_url         = service.artifact_url
      environment          = service.environment
      secrets              = service.secrets
      stop_timeout_seconds = service.stop_timeout_seconds
    })
  ])

  rabbitmq = templatefile("${path.module}/templates/rabbitmq.sh.tftpl", {
    common                  = local.common
    nodes                   = var.rabbitmq.nodes
    username                = var.rabbitmq.username
    password_parameter      = var.rabbitmq.password_parameter
    erlang_cookie_parameter = var.rabbitmq.erlang_cookie_parameter
    image                   = var.rabbitmq.image
    quorum_queues           = var.rabbitmq.quorum_queues
  })

  redis = templatefile("${path.module}/templates/redis.sh.tftpl", {
    common            = local.common
    primary_ip        = var.redis.primary_ip
    image             = var.redis.image
    maxmemory_percent = var.redis.maxmemory_percent
  })

  cassandra = templatefile("${path.module}/templates/cassandra.sh.tftpl", {
    common       = local.common
    seeds        = var.cassandra.seeds
    cluster_name = var.cassandra.cluster_name
    datacenter   = var.cassandra.datacenter
    image        = var.cassandra.image
    max_heap_mb  = var.cassandra.max_heap_mb
  })

  monitoring = templatefile("${path.module}/templates/monitoring.sh.tftpl", {
    common                     = local.common
    deployment                 = var.monitoring.deployment
    service_port               = var.monitoring.service_port
    prometheus_image           = var.monitoring.prometheus_image
    grafana_image              = var.monitoring.grafana_image
    grafana_password_parameter = var.monitoring.grafana_password_parameter
    dashboards_s3_uri          = var.monitoring.dashboards_s3_uri
    scrape_interval            = var.monitoring.scrape_interval
    retention                  = var.monitoring.retention
  })
}
