variable "java_services" {
  type = map(object({
    artifact_bucket      = optional(string, "")
    artifact_key         = optional(string, "")
    artifact_url         = optional(string, "")
    environment          = map(string)
    secrets              = map(string)
    stop_timeout_seconds = optional(number, 60)
  }))
  description = "Spring Boot services by name (chat-gateway, delivery-router, persistence-consumer, presence-service): where the jar comes from (S3 bucket + key, or an HTTPS URL), non-secret environment variables, and secrets as environment variable => SSM parameter name."

  validation {
    condition     = alltrue([for name, service in var.java_services : contains(["chat-gateway", "delivery-router", "persistence-consumer", "presence-service"], name)])
    error_message = "Services are chat-gateway, delivery-router, persistence-consumer and presence-service."
  }

  validation {
    condition     = alltrue([for service in var.java_services : service.artifact_url != "" || (service.artifact_bucket != "" && service.artifact_key != "")])
    error_message = "Every service needs an artifact: an S3 bucket and key, or an artifact_url."
  }

  validation {
    condition     = alltrue([for service in var.java_services : service.artifact_url == "" || startswith(service.artifact_url, "https://")])
    error_message = "Artifact URLs must use https://."
  }

  validation {
    condition     = alltrue(flatten([for service in var.java_services : [for key, value in service.environment : can(regex("^[A-Z][A-Z0-9_]*$", key)) && can(regex("^[^\"\\\\$\\n]*$", value))]]))
    error_message = "Environment variable names are UPPER_SNAKE_CASE and values may not contain double quotes, backslashes, dollar signs or newlines (they go into a systemd environment file)."
  }

  validation {
    condition     = alltrue(flatten([for service in var.java_services : [for key, parameter in service.secrets : can(regex("^[A-Z][A-Z0-9_]*$", key)) && startswith(parameter, "/")]]))
    error_message = "Secrets map UPPER_SNAKE_CASE variable names to SSM parameter names starting with a slash."
  }
}

variable "rabbitmq" {
  type = object({
    nodes = list(object({
      name = string
      ip   = string
    }))
    username                = string
    password_parameter      = string
    erlang_cookie_parameter = string
    image                   = string
    quorum_queues           = bool
  })
  description = "RabbitMQ nodes (name => fixed address; the first boots the cluster), the user the services connect as, the SSM parameters of its password and of the Erlang cookie, the image, and whether durable queues default to quorum queues."

  validation {
    condition     = length(var.rabbitmq.nodes) >= 1 && alltrue([for node in var.rabbitmq.nodes : can(regex("^[a-z][a-z0-9-]*$", node.name))])
    error_message = "Give at least one node; node names are lowercase host names such as rabbit-1."
  }

  validation {
    condition     = can(regex("^[a-z][a-z0-9_-]{2,31}$", var.rabbitmq.username)) && var.rabbitmq.username != "guest"
    error_message = "The RabbitMQ user must be 3-32 lowercase characters and not guest."
  }
}

variable "redis" {
  type = object({
    primary_ip        = string
    image             = string
    maxmemory_percent = optional(number, 70)
  })
  description = "Redis primary address (a replica, if any, replicates from it), the image, and the share of the instance memory Redis may use."

  validation {
    condition     = var.redis.maxmemory_percent >= 10 && var.redis.maxmemory_percent <= 90
    error_message = "Give Redis between 10 and 90 percent of the instance memory."
  }
}

variable "cassandra" {
  type = object({
    seeds        = list(string)
    cluster_name = string
    datacenter   = string
    image        = string
    max_heap_mb  = optional(number, 8192)
  })
  description = "Cassandra seed addresses (every node of a new cluster), cluster and datacenter names (racks are the availability zones), the image, and the heap ceiling."

  validation {
    condition     = length(var.cassandra.seeds) >= 1 && can(regex("^[A-Za-z0-9_-]+$", var.cassandra.datacenter))
    error_message = "Give at least one seed and a datacenter name of letters, digits, underscores and hyphens."
  }

  validation {
    condition     = var.cassandra.max_heap_mb >= 1024 && var.cassandra.max_heap_mb <= 31744
    error_message = "Keep the Cassandra heap between 1 GiB and 31 GiB (compressed oops)."
  }
}

variable "monitoring" {
  type = object({
    deployment                 = string
    service_port               = number
    prometheus_image           = string
    grafana_image              = string
    grafana_password_parameter = string
    dashboards_s3_uri          = optional(string, "")
    scrape_interval            = optional(string, "15s")
    retention                  = optional(string, "15d")
  })
  description = "Prometheus + Grafana: the ChatDeployment tag value to discover instances by, the services' port, images, the SSM parameter of the Grafana admin password, an optional s3:// URI of a dashboards tar.gz, scrape interval and retention."

  validation {
    condition     = var.monitoring.dashboards_s3_uri == "" || startswith(var.monitoring.dashboards_s3_uri, "s3://")
    error_message = "The dashboards bundle must be an s3:// URI."
  }

  validation {
    condition     = can(regex("^[0-9]+[smh]$", var.monitoring.scrape_interval)) && can(regex("^[0-9]+[hdwy]$", var.monitoring.retention))
    error_message = "The scrape interval looks like 15s and the retention like 15d."
  }
}
