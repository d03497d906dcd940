# ---------------------------------------------------------------- deployment

variable "region" {
  type        = string
  description = "AWS region to deploy into."
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "A region looks like us-east-1."
  }
}

variable "project" {
  type        = string
  description = "Project name: first part of every resource name and the Project tag."
  default     = "chat"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,11}$", var.project))
    error_message = "The project must be 2-12 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "environment" {
  type        = string
  description = "Environment name (prod, loadtest, ...): second part of every resource name and the Environment tag."
  default     = "prod"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,9}$", var.environment))
    error_message = "The environment must be 2-10 lowercase letters or digits, starting with a letter."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags merged into every resource (with Project, Environment, ManagedBy and ChatDeployment added here)."
  default     = {}

  validation {
    # Instances expose their tags through the metadata service, which refuses to launch instances whose tag
    # keys contain other characters (e.g. "/" or spaces).
    condition     = alltrue([for key in keys(var.tags) : can(regex("^[A-Za-z0-9+=.,_:@-]{1,128}$", key))])
    error_message = "Tag keys may only contain letters, digits and + = . , _ : @ - (instance metadata tags are enabled)."
  }
}

# ---------------------------------------------------------------- network and load balancer

variable "vpc_cidr" {
  type        = string
  description = "IPv4 /16 of the VPC."
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && endswith(var.vpc_cidr, "/16")
    error_message = "The VPC CIDR must be a valid IPv4 /16."
  }
}

variable "az_count" {
  type        = number
  description = "Availability zones to span; Cassandra puts one node in each (3 zones for the default three nodes)."
  default     = 3

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 6
    error_message = "Use 2 to 6 availability zones."
  }
}

variable "single_nat_gateway" {
  type        = bool
  description = "One NAT gateway for the whole VPC (cheaper) instead of one per zone."
  default     = true
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate of the HTTPS listener, covering domain_name."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$", var.certificate_arn))
    error_message = "The certificate must be an ACM certificate ARN in the deployment region."
  }
}

variable "domain_name" {
  type        = string
  description = "DNS name of the system (covered by the certificate), e.g. chat.example.com. null: the outputs use the ALB's DNS name, which the certificate does not cover."
  default     = null

  validation {
    condition     = var.domain_name == null || can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", var.domain_name))
    error_message = "The domain name must be a lowercase DNS name."
  }
}

variable "route53_zone_id" {
  type        = string
  description = "Route 53 hosted zone to create the domain_name alias record in; null if you manage DNS elsewhere."
  default     = null

  validation {
    condition     = var.route53_zone_id == null || can(regex("^Z[A-Z0-9]+$", var.route53_zone_id))
    error_message = "A hosted zone ID looks like Z0123456789ABCDEFGHIJ."
  }
}

variable "alb_ingress_cidr_blocks" {
  type        = list(string)
  description = "IPv4 ranges allowed to reach the ALB (80 redirects, 443 serves). The internet by default."
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.alb_ingress_cidr_blocks) > 0 && alltrue([for cidr in var.alb_ingress_cidr_blocks : can(cidrhost(cidr, 0))])
    error_message = "Give at least one valid IPv4 CIDR block."
  }
}

variable "alb_idle_timeout" {
  type        = number
  description = "ALB idle timeout, seconds: above the 10 s STOMP heart-beat with a wide margin."
  default     = 120

  validation {
    condition     = var.alb_idle_timeout >= 30 && var.alb_idle_timeout <= 4000
    error_message = "Use 30-4000 s: idle WebSockets are cut unless the timeout spans several 10 s heart-beats."
  }
}

variable "alb_deregistration_delay" {
  type        = number
  description = "Seconds a deregistered gateway keeps its connections while it drains."
  default     = 30

  validation {
    condition     = var.alb_deregistration_delay >= 0 && var.alb_deregistration_delay <= 300
    error_message = "Keep the deregistration delay between 0 and 300 s."
  }
}

variable "alb_stickiness_enabled" {
  type        = bool
  description = "Cookie stickiness on the gateways' target group (not required: any gateway serves any user)."
  default     = false
}

variable "alb_deletion_protection" {
  type        = bool
  description = "Deletion protection of the ALB (turn it off before terraform destroy)."
  default     = false
}

variable "expose_health_probes" {
  type        = bool
  description = "Route /actuator/health/readiness and /actuator/health/liveness through the ALB (nothing else under /actuator)."
  default     = true
}

# ---------------------------------------------------------------- artifacts

variable "artifact_bucket" {
  type        = string
  description = "S3 bucket holding the service jars (<artifact_prefix>/<service>-<artifact_version>-exec.jar). null when every service has an artifact_urls entry."
  default     = null

  validation {
    condition     = var.artifact_bucket == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.artifact_bucket))
    error_message = "The artifact bucket must be a valid S3 bucket name."
  }

  validation {
    condition     = var.artifact_bucket != null || length(setintersection(keys(var.artifact_urls), ["chat-gateway", "delivery-router", "persistence-consumer", "presence-service"])) == 4
    error_message = "Without an artifact bucket every service needs an artifact_urls entry."
  }
}

variable "artifact_prefix" {
  type        = string
  description = "Key prefix of the jars in the artifact bucket (no leading or trailing slash)."
  default     = "chat/0.1.0-SNAPSHOT"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$", var.artifact_prefix))
    error_message = "The prefix is a path such as chat/0.1.0-SNAPSHOT, without leading or trailing slash."
  }
}

variable "artifact_version" {
  type        = string
  description = "Version in the jar names, as built by ./mvnw -B package (<service>-<version>-exec.jar)."
  default     = "0.1.0-SNAPSHOT"

  validation {
    condition     = can(regex("^[0-9A-Za-z._-]+$", var.artifact_version))
    error_message = "The version may contain letters, digits, dots, underscores and hyphens."
  }
}

variable "artifact_urls" {
  type        = map(string)
  description = "Per-service HTTPS URL of the jar, overriding the bucket (e.g. a release download). Keys: chat-gateway, delivery-router, persistence-consumer, presence-service."
  default     = {}

  validation {
    condition     = alltrue([for service, url in var.artifact_urls : contains(["chat-gateway", "delivery-router", "persistence-consumer", "presence-service"], service) && startswith(url, "https://")])
    error_message = "Keys must be service names and URLs must use https://."
  }
}

variable "grafana_dashboards_key" {
  type        = string
  description = "Optional key in the artifact bucket of a tar.gz of Grafana dashboards (e.g. chat/grafana-dashboards.tgz); null for none."
  default     = null

  validation {
    condition     = var.grafana_dashboards_key == null || can(regex("^[A-Za-z0-9._/-]+\\.(tgz|tar\\.gz)$", var.grafana_dashboards_key))
    error_message = "The dashboards bundle must be a .tgz or .tar.gz key."
  }
}

# ---------------------------------------------------------------- instances

variable "ami_id" {
  type        = string
  description = "AMI of every instance; null takes the latest Amazon Linux 2023 of architecture."
  default     = null

  validation {
    condition     = var.ami_id == null || can(regex("^ami-[0-9a-f]+$", var.ami_id))
    error_message = "An AMI ID looks like ami-0123456789abcdef0."
  }
}

variable "architecture" {
  type        = string
  description = "CPU architecture of the AMI lookup (x86_64 for the default c6i/m6i/t3 types, arm64 for Graviton types)."
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "The architecture is x86_64 or arm64."
  }
}

variable "gateway_count" {
  type        = number
  description = "Number of chat-gateway instances behind the ALB (gateway ids gw-1.., worker ids 1..)."
  default     = 4

  validation {
    condition     = var.gateway_count >= 1 && var.gateway_count <= 99 && floor(var.gateway_count) == var.gateway_count
    error_message = "Run 1-99 gateways."
  }
}

variable "delivery_router_count" {
  type        = number
  description = "Number of delivery-router instances (single active consumer per shard: extra routers are hot standbys; worker ids 101..)."
  default     = 1

  validation {
    condition     = var.delivery_router_count >= 1 && var.delivery_router_count <= 99 && floor(var.delivery_router_count) == var.delivery_router_count
    error_message = "Run 1-99 delivery routers."
  }
}

variable "persistence_consumer_count" {
  type        = number
  description = "Number of persistence-consumer instances (competing consumers of chat.persist; worker ids 201..)."
  default     = 1

  validation {
    condition     = var.persistence_consumer_count >= 1 && var.persistence_consumer_count <= 99 && floor(var.persistence_consumer_count) == var.persistence_consumer_count
    error_message = "Run 1-99 persistence consumers."
  }
}

variable "presence_service_count" {
  type        = number
  description = "Number of presence-service instances (worker ids 301..)."
  default     = 1

  validation {
    condition     = var.presence_service_count >= 1 && var.presence_service_count <= 99 && floor(var.presence_service_count) == var.presence_service_count
    error_message = "Run 1-99 presence services."
  }
}

variable "instance_types" {
  type = object({
    gateway              = optional(string, "c6i.large")
    delivery_router      = optional(string, "c6i.large")
    persistence_consumer = optional(string, "c6i.large")
    presence_service     = optional(string, "t3.medium")
    rabbitmq             = optional(string, "m6i.large")
    redis                = optional(string, "m6i.large")
    cassandra            = optional(string, "m6i.xlarge")
    monitoring           = optional(string, "t3.medium")
  })
  description = "EC2 instance type of each role (see the README for their hourly prices)."
  default     = {}

  validation {
    condition     = alltrue([for role, type in var.instance_types : can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", type))])
    error_message = "Instance types look like c6i.large."
  }
}

variable "root_volume_sizes" {
  type = object({
    service    = optional(number, 20)
    rabbitmq   = optional(number, 50)
    redis      = optional(number, 30)
    cassandra  = optional(number, 200)
    monitoring = optional(number, 50)
  })
  description = "Encrypted gp3 root volume size per role, GiB (data stores keep their data there)."
  default     = {}

  validation {
    condition     = alltrue([for role, size in var.root_volume_sizes : size >= 8 && size <= 16384])
    error_message = "Volume sizes are 8-16384 GiB."
  }
}

variable "ebs_kms_key_arn" {
  type        = string
  description = "Customer managed KMS key for the EBS volumes; null uses the account's default EBS key (volumes are encrypted either way)."
  default     = null

  validation {
    condition     = var.ebs_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.ebs_kms_key_arn))
    error_message = "The EBS key must be a KMS key ARN."
  }
}

variable "java_tool_options" {
  type        = string
  description = "JVM options of every service (JAVA_TOOL_OPTIONS)."
  default     = "-XX:MaxRAMPercentage=75 -XX:+UseG1GC -XX:MaxGCPauseMillis=50 -XX:+ExitOnOutOfMemoryError"

  validation {
    condition     = can(regex("^[^\"\\\\$\\n]*$", var.java_tool_options))
    error_message = "JVM options may not contain double quotes, backslashes, dollar signs or newlines."
  }
}

variable "service_environment" {
  type        = map(map(string))
  description = "Extra (non-secret) environment variables per service, e.g. { \"chat-gateway\" = { CHAT_GATEWAY_MAX_MESSAGE_BYTES = \"8192\" } }."
  default     = {}

  validation {
    condition     = alltrue([for service, environment in var.service_environment : contains(["chat-gateway", "delivery-router", "persistence-consumer", "presence-service"], service)])
    error_message = "Keys must be service names."
  }
}

variable "images" {
  type = object({
    rabbitmq   = optional(string, "public.ecr.aws/docker/library/rabbitmq:4.1-management")
    redis      = optional(string, "public.ecr.aws/docker/library/redis:7.4")
    cassandra  = optional(string, "public.ecr.aws/docker/library/cassandra:5.0")
    prometheus = optional(string, "quay.io/prometheus/prometheus:v2.55.1")
    grafana    = optional(string, "docker.io/grafana/grafana:11.3.0")
  })
  description = "Container images of the data stores and the monitoring stack (official images; the ECR Public mirror avoids Docker Hub pull limits)."
  default     = {}

  validation {
    condition     = can(regex("cassandra:5\\.0", var.images.cassandra))
    error_message = "The services are built and tested against Cassandra 5.0: keep a cassandra:5.0 image."
  }
}

# ---------------------------------------------------------------- data stores

variable "rabbitmq_node_count" {
  type        = number
  description = "RabbitMQ nodes: 1, or 3 (or 5) for a cluster over the availability zones."
  default     = 1

  validation {
    condition     = contains([1, 3, 5], var.rabbitmq_node_count)
    error_message = "Run 1 RabbitMQ node or an odd cluster of 3 or 5 (quorum queues need a majority)."
  }
}

variable "rabbitmq_quorum_queues" {
  type        = bool
  description = "Make durable queues quorum queues (replicated over the cluster; node-wide default_queue_type). Takes effect for queues declared after the first boot."
  default     = false

  validation {
    condition     = !var.rabbitmq_quorum_queues || var.rabbitmq_node_count >= 3
    error_message = "Quorum queues need a cluster: set rabbitmq_node_count to 3 or 5."
  }
}

variable "rabbitmq_username" {
  type        = string
  description = "RabbitMQ user the services connect as (its password is in SSM)."
  default     = "chat"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_-]{2,31}$", var.rabbitmq_username)) && var.rabbitmq_username != "guest"
    error_message = "Use 3-32 lowercase characters, and not guest."
  }
}

variable "redis_replica_enabled" {
  type        = bool
  description = "Run a Redis replica in the second zone (a warm copy; failing over to it is a manual step, see the README)."
  default     = false
}

variable "cassandra_node_count" {
  type        = number
  description = "Cassandra nodes, placed one per availability zone in turn."
  default     = 3

  validation {
    condition     = var.cassandra_node_count >= 1 && var.cassandra_node_count <= 12 && floor(var.cassandra_node_count) == var.cassandra_node_count
    error_message = "Run 1-12 Cassandra nodes."
  }
}

variable "cassandra_replication_factor" {
  type        = number
  description = "Replication factor of the chat keyspace (NetworkTopologyStrategy in cassandra_datacenter), given to the services as CHAT_CASSANDRA_REPLICATION."
  default     = 3

  validation {
    condition     = var.cassandra_replication_factor >= 1 && var.cassandra_replication_factor <= var.cassandra_node_count
    error_message = "The replication factor must be at least 1 and at most cassandra_node_count."
  }
}

variable "cassandra_datacenter" {
  type        = string
  description = "Cassandra datacenter name (GossipingPropertyFileSnitch; racks are the availability zones)."
  default     = "dc1"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,32}$", var.cassandra_datacenter))
    error_message = "Use letters, digits, underscores and hyphens."
  }
}

# ---------------------------------------------------------------- secrets

variable "create_secrets" {
  type        = bool
  description = "Generate the JWT key, RabbitMQ password, Erlang cookie and Grafana password into SSM (they are then in the state too). false: create them yourself first (output put_parameter_commands)."
  default     = true
}

variable "ssm_parameter_prefix" {
  type        = string
  description = "SSM Parameter Store path of the secrets; null means /<project>/<environment>."
  default     = null

  validation {
    condition     = var.ssm_parameter_prefix == null || can(regex("^(/[A-Za-z0-9_.-]+)+$", var.ssm_parameter_prefix))
    error_message = "The prefix starts with a slash and has no trailing slash, e.g. /chat/prod."
  }
}

variable "secrets_kms_key_arn" {
  type        = string
  description = "Customer managed KMS key of the SecureString parameters; null uses aws/ssm."
  default     = null

  validation {
    condition     = var.secrets_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.secrets_kms_key_arn))
    error_message = "The key must be a KMS key ARN (not an alias)."
  }
}
