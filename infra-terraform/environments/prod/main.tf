# The chat system on self-managed EC2: an ALB in front of the gateways, every other part on its own
# instances in private subnets. See ../../README.md for the walk-through from zero to a Gatling run.

data "aws_partition" "current" {}

data "aws_ami" "al2023" {
  count = var.ami_id == null ? 1 : 0

  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-kernel-*-${var.architecture}"]
  }

  filter {
    name   = "architecture"
    values = [var.architecture]
  }

  filter {
    name   = "virtualization-type"
    values = ["hvm"]
  }
}

locals {
  name = "${var.project}-${var.environment}"
  tags = merge(var.tags, {
    Project        = var.project
    Environment    = var.environment
    ManagedBy      = "terraform"
    ChatDeployment = local.name
  })

  ami_id           = var.ami_id != null ? var.ami_id : data.aws_ami.al2023[0].id
  service_port     = 8080
  parameter_prefix = var.ssm_parameter_prefix != null ? var.ssm_parameter_prefix : "/${var.project}/${var.environment}"
  secrets          = module.secrets.parameter_names
  secret_arns      = module.secrets.parameter_arns

  # ---- fixed addresses of the data stores, from the reserved block at the end of each private subnet
  static_cidrs  = module.network.static_ip_cidrs
  zone_count    = length(local.static_cidrs)
  cassandra_ips = [for index in range(var.cassandra_node_count) : cidrhost(local.static_cidrs[index % local.zone_count], 1 + floor(index / local.zone_count))]
  rabbitmq_ips  = [for index in range(var.rabbitmq_node_count) : cidrhost(local.static_cidrs[index % local.zone_count], 5 + floor(index / local.zone_count))]
  redis_ips     = [for index in range(var.redis_replica_enabled ? 2 : 1) : cidrhost(local.static_cidrs[index % local.zone_count], 9)]
  rabbitmq_nodes = [for index, ip in local.rabbitmq_ips : {
    name = "rabbit-${index + 1}"
    ip   = ip
  }]

  # ---- the four Spring Boot services
  services = {
    "chat-gateway" = {
      count          = var.gateway_count
      instance_type  = var.instance_types.gateway
      id_prefix      = "gw"
      worker_id_base = 0
      secrets        = { CHAT_AUTH_JWT_SECRET = local.secrets["jwt-secret"], SPRING_RABBITMQ_PASSWORD = local.secrets["rabbitmq-password"] }
      secret_arns    = [local.secret_arns["jwt-secret"], local.secret_arns["rabbitmq-password"]]
    }
    "delivery-router" = {
      count          = var.delivery_router_count
      instance_type  = var.instance_types.delivery_router
      id_prefix      = "router"
      worker_id_base = 100
      secrets        = { SPRING_RABBITMQ_PASSWORD = local.secrets["rabbitmq-password"] }
      secret_arns    = [local.secret_arns["rabbitmq-password"]]
    }
    "persistence-consumer" = {
      count          = var.persistence_consumer_count
      instance_type  = var.instance_types.persistence_consumer
      id_prefix      = "persist"
      worker_id_base = 200
      secrets        = { SPRING_RABBITMQ_PASSWORD = local.secrets["rabbitmq-password"] }
      secret_arns    = [local.secret_arns["rabbitmq-password"]]
    }
    "presence-service" = {
      count          = var.presence_service_count
      instance_type  = var.instance_types.presence_service
      id_prefix      = "presence"
      worker_id_base = 300
      secrets        = { SPRING_RABBITMQ_PASSWORD = local.secrets["rabbitmq-password"] }
      secret_arns    = [local.secret_arns["rabbitmq-password"]]
    }
  }

  artifact_keys = zipmap(keys(local.services), [for service in keys(local.services) : "${var.artifact_prefix}/${service}-${var.artifact_version}-exec.jar"])

  # What every service is told about the others (Spring Boot relaxed binding of environment variables).
  service_environment = {
    SERVER_PORT                                 = tostring(local.service_port)
    SPRING_RABBITMQ_HOST                        = local.rabbitmq_ips[0]
    SPRING_RABBITMQ_PORT                        = "5672"
    SPRING_RABBITMQ_ADDRESSES                   = join(",", [for ip in local.rabbitmq_ips : "${ip}:5672"])
    SPRING_RABBITMQ_ADDRESS_SHUFFLE_MODE        = "RANDOM"
    SPRING_RABBITMQ_USERNAME                    = var.rabbitmq_username
    SPRING_RABBITMQ_VIRTUAL_HOST                = "/"
    SPRING_DATA_REDIS_HOST                      = local.redis_ips[0]
    SPRING_DATA_REDIS_PORT                      = "6379"
    SPRING_CASSANDRA_CONTACT_POINTS             = join(",", [for ip in local.cassandra_ips : "${ip}:9042"])
    SPRING_CASSANDRA_LOCAL_DATACENTER           = var.cassandra_datacenter
    CHAT_CASSANDRA_REPLICATION                  = "{'class': 'NetworkTopologyStrategy', '${var.cassandra_datacenter}': ${var.cassandra_replication_factor}}"
    SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE = "30s"
    JAVA_TOOL_OPTIONS                           = var.java_tool_options
  }

  # ---- one least-privilege role per part: a service reads only its own jar and its own secrets
  artifact_arns = zipmap(keys(local.services), [
    for service in keys(local.services) : lookup(var.artifact_urls, service, null) == null ? ["arn:${data.aws_partition.current.partition}:s3:::${var.artifact_bucket}/${local.artifact_keys[service]}"] : []
  ])
  iam_roles = merge(
    {
      for service, config in local.services : service => {
        s3_object_arns     = local.artifact_arns[service]
        ssm_parameter_arns = config.secret_arns
        allow_ec2_describe = false
      }
    },
    {
      rabbitmq = {
        s3_object_arns     = []
        ssm_parameter_arns = [local.secret_arns["rabbitmq-password"], local.secret_arns["rabbitmq-erlang-cookie"]]
        allow_ec2_describe = false
      }
      redis = {
        s3_object_arns     = []
        ssm_parameter_arns = []
        allow_ec2_describe = false
      }
      cassandra = {
        s3_object_arns     = []
        ssm_parameter_arns = []
        allow_ec2_describe = false
      }
      monitoring = {
        s3_object_arns     = var.grafana_dashboards_key != null ? ["arn:${data.aws_partition.current.partition}:s3:::${var.artifact_bucket}/${var.grafana_dashboards_key}"] : []
        ssm_parameter_arns = [local.secret_arns["grafana-admin-password"]]
        allow_ec2_describe = true
      }
    }
  )
}

module "network" {
  source = "../../modules/network"

  name               = local.name
  vpc_cidr           = var.vpc_cidr
  az_count           = var.az_count
  single_nat_gateway = var.single_nat_gateway

  tags = local.tags
}

module "security_groups" {
  source = "../../modules/security-groups"

  name                    = local.name
  vpc_id                  = module.network.vpc_id
  vpc_cidr_block          = module.network.vpc_cidr_block
  service_port            = local.service_port
  alb_ingress_cidr_blocks = var.alb_ingress_cidr_blocks

  tags = local.tags
}

module "secrets" {
  source = "../../modules/ssm-secrets"

  parameter_prefix  = local.parameter_prefix
  create_parameters = var.create_secrets
  kms_key_id        = var.secrets_kms_key_arn

  tags = local.tags
}

module "iam" {
  source   = "../../modules/iam-instance-profile"
  for_each = local.iam_roles

  name               = "${local.name}-${each.key}"
  s3_object_arns     = each.value.s3_object_arns
  ssm_parameter_arns = each.value.ssm_parameter_arns
  kms_key_arns       = var.secrets_kms_key_arn != null ? [var.secrets_kms_key_arn] : []
  allow_ec2_describe = each.value.allow_ec2_describe

  tags = local.tags
}

module "user_data" {
  source = "../../modules/user-data"

  java_services = zipmap(keys(local.services), [
    for service, config in local.services : {
      artifact_bucket = var.artifact_bucket != null ? var.artifact_bucket : ""
      artifact_key    = local.artifact_keys[service]
      artifact_url    = lookup(var.artifact_urls, service, "")
      environment     = merge(local.service_environment, lookup(var.service_environment, service, {}))
      secrets         = config.secrets
    }
  ])

  rabbitmq = {
    nodes                   = local.rabbitmq_nodes
    username                = var.rabbitmq_username
    password_parameter      = local.secrets["rabbitmq-password"]
    erlang_cookie_parameter = local.secrets["rabbitmq-erlang-cookie"]
    image                   = var.images.rabbitmq
    quorum_queues           = var.rabbitmq_quorum_queues
  }

  redis = {
    primary_ip = local.redis_ips[0]
    image      = var.images.redis
  }

  cassandra = {
    seeds        = local.cassandra_ips
    cluster_name = local.name
    datacenter   = var.cassandra_datacenter
    image        = var.images.cassandra
  }

  monitoring = {
    deployment                 = local.name
    service_port               = local.service_port
    prometheus_image           = var.images.prometheus
    grafana_image              = var.images.grafana
    grafana_password_parameter = local.secrets["grafana-admin-password"]
    dashboards_s3_uri          = var.grafana_dashboards_key != null ? "s3://${var.artifact_bucket}/${var.grafana_dashboards_key}" : ""
  }
}

# ---------------------------------------------------------------- instances

module "java_service" {
  source   = "../../modules/ec2-fleet"
  for_each = local.services

  name                      = "${local.name}-${each.key}"
  role                      = each.key
  instance_count            = each.value.count
  instance_type             = each.value.instance_type
  ami_id                    = local.ami_id
  subnet_ids                = module.network.private_subnet_ids
  security_group_ids        = each.key == "chat-gateway" ? [module.security_groups.app_security_group_id, module.security_groups.gateway_security_group_id] : [module.security_groups.app_security_group_id]
  iam_instance_profile_name = module.iam[each.key].instance_profile_name
  user_data                 = module.user_data.java_services[each.key]
  root_volume_size          = var.root_volume_sizes.service
  ebs_kms_key_arn           = var.ebs_kms_key_arn
  instance_tags = [for index in range(each.value.count) : {
    ChatInstanceId = "${each.value.id_prefix}-${index + 1}"
    ChatWorkerId   = tostring(each.value.worker_id_base + index + 1)
  }]

  tags = local.tags

  depends_on = [module.network, module.secrets]
}

module "rabbitmq" {
  source = "../../modules/ec2-fleet"

  name                      = "${local.name}-rabbitmq"
  role                      = "rabbitmq"
  instance_count            = var.rabbitmq_node_count
  instance_type             = var.instance_types.rabbitmq
  ami_id                    = local.ami_id
  subnet_ids                = module.network.private_subnet_ids
  private_ips               = local.rabbitmq_ips
  security_group_ids        = [module.security_groups.rabbitmq_security_group_id]
  iam_instance_profile_name = module.iam["rabbitmq"].instance_profile_name
  user_data                 = module.user_data.rabbitmq
  root_volume_size          = var.root_volume_sizes.rabbitmq
  ebs_kms_key_arn           = var.ebs_kms_key_arn
  instance_tags             = [for node in local.rabbitmq_nodes : { ChatNodeName = node.name }]

  tags = local.tags

  depends_on = [module.network, module.secrets]
}

module "redis" {
  source = "../../modules/ec2-fleet"

  name                      = "${local.name}-redis"
  role                      = "redis"
  instance_count            = length(local.redis_ips)
  instance_type             = var.instance_types.redis
  ami_id                    = local.ami_id
  subnet_ids                = module.network.private_subnet_ids
  private_ips               = local.redis_ips
  security_group_ids        = [module.security_groups.redis_security_group_id]
  iam_instance_profile_name = module.iam["redis"].instance_profile_name
  user_data                 = module.user_data.redis
  root_volume_size          = var.root_volume_sizes.redis
  ebs_kms_key_arn           = var.ebs_kms_key_arn
  instance_tags             = slice([{ ChatRedisRole = "primary" }, { ChatRedisRole = "replica" }], 0, length(local.redis_ips))

  tags = local.tags

  depends_on = [module.network]
}

module "cassandra" {
  source = "../../modules/ec2-fleet"

  name                      = "${local.name}-cassandra"
  role                      = "cassandra"
  instance_count            = var.cassandra_node_count
  instance_type             = var.instance_types.cassandra
  ami_id                    = local.ami_id
  subnet_ids                = module.network.private_subnet_ids
  private_ips               = local.cassandra_ips
  security_group_ids        = [module.security_groups.cassandra_security_group_id]
  iam_instance_profile_name = module.iam["cassandra"].instance_profile_name
  user_data                 = module.user_data.cassandra
  root_volume_size          = var.root_volume_sizes.cassandra
  root_volume_iops          = 6000
  root_volume_throughput    = 250
  ebs_kms_key_arn           = var.ebs_kms_key_arn
  instance_tags             = [for index in range(var.cassandra_node_count) : { ChatNodeName = "cassandra-${index + 1}" }]

  tags = local.tags

  depends_on = [module.network]
}

module "monitoring" {
  source = "../../modules/ec2-fleet"

  name                      = "${local.name}-monitoring"
  role                      = "monitoring"
  instance_count            = 1
  instance_type             = var.instance_types.monitoring
  ami_id                    = local.ami_id
  subnet_ids                = module.network.private_subnet_ids
  security_group_ids        = [module.security_groups.monitoring_security_group_id]
  iam_instance_profile_name = module.iam["monitoring"].instance_profile_name
  user_data                 = module.user_data.monitoring
  root_volume_size          = var.root_volume_sizes.monitoring
  ebs_kms_key_arn           = var.ebs_kms_key_arn

  tags = local.tags

  depends_on = [module.network, module.secrets]
}

# ---------------------------------------------------------------- load balancer

module "alb" {
  source = "../../modules/alb"

  name                       = local.name
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.public_subnet_ids
  security_group_ids         = [module.security_groups.alb_security_group_id]
  certificate_arn            = var.certificate_arn
  target_port                = local.service_port
  targets                    = zipmap([for index in range(var.gateway_count) : "gw-${index + 1}"], module.java_service["chat-gateway"].instance_ids)
  idle_timeout               = var.alb_idle_timeout
  deregistration_delay       = var.alb_deregistration_delay
  stickiness_enabled         = var.alb_stickiness_enabled
  expose_health_probes       = var.expose_health_probes
  enable_deletion_protection = var.alb_deletion_protection
  domain_name                = var.domain_name
  route53_zone_id            = var.route53_zone_id

  tags = local.tags
}
