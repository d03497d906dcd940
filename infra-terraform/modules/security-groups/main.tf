# One security group per part. Only the ALB accepts traffic from outside the VPC, and only on 80/443.
# Data stores accept their client port only from the services' group and their peer ports only from
# themselves. Nothing accepts SSH: operators use SSM Session Manager (outbound HTTPS from the instance).

locals {
  tags = merge(var.tags, { Module = "security-groups" })
}

resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "Application Load Balancer: HTTPS and the HTTP redirect from the allowed ranges"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${var.name}-alb" })
}

resource "aws_security_group" "app" {
  name        = "${var.name}-app"
  description = "Every chat service (gateways, delivery-router, persistence-consumer, presence-service): client of the data stores"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${var.name}-app" })
}

resource "aws_security_group" "gateway" {
  name        = "${var.name}-gateway"
  description = "Chat gateways: the service port from the ALB (traffic and health checks)"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${var.name}-gateway" })
}

resource "aws_security_group" "rabbitmq" {
  name        = "${var.name}-rabbitmq"
  description = "RabbitMQ: AMQP from the services, clustering between the nodes"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${var.name}-rabbitmq" })
}

resource "aws_security_group" "redis" {
  name        = "${var.name}-redis"
  description = "Redis: clients from the services, replication between primary and replica"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${var.name}-redis" })
}

resource "aws_security_group" "cassandra" {
  name        = "${var.name}-cassandra"
  description = "Cassandra: CQL from the services, gossip and streaming between the nodes"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${var.name}-cassandra" })
}

resource "aws_security_group" "monitoring" {
  name        = "${var.name}-monitoring"
  description = "Prometheus and Grafana: no inbound rules, reached through SSM port forwarding"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${var.name}-monitoring" })
}

# ---------------------------------------------------------------- ALB

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  for_each = toset(var.alb_ingress_cidr_blocks)

  security_group_id = aws_security_group.alb.id
  description       = "HTTPS (REST /api/*, WebSocket /ws)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "alb_http_redirect" {
  for_each = toset(var.alb_ingress_cidr_blocks)

  security_group_id = aws_security_group.alb.id
  description       = "HTTP, answered with a redirect to HTTPS"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = each.value

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "alb_https_ipv6" {
  for_each = toset(var.alb_ingress_ipv6_cidr_blocks)

  security_group_id = aws_security_group.alb.id
  description       = "HTTPS over IPv6"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv6         = each.value

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "alb_http_redirect_ipv6" {
  for_each = toset(var.alb_ingress_ipv6_cidr_blocks)

  security_group_id = aws_security_group.alb.id
  description       = "HTTP over IPv6, answered with a redirect to HTTPS"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv6         = each.value

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "alb_to_gateways" {
  security_group_id            = aws_security_group.alb.id
  description                  = "Forwarded requests and health checks to the gateways"
  ip_protocol                  = "tcp"
  from_port                    = var.service_port
  to_port                      = var.service_port
  referenced_security_group_id = aws_security_group.gateway.id

  tags = local.tags
}

# ---------------------------------------------------------------- services

resource "aws_vpc_security_group_ingress_rule" "gateway_from_alb" {
  security_group_id            = aws_security_group.gateway.id
  description                  = "Requests and health checks from the ALB"
  ip_protocol                  = "tcp"
  from_port                    = var.service_port
  to_port                      = var.service_port
  referenced_security_group_id = aws_security_group.alb.id

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "app_from_monitoring" {
  security_group_id            = aws_security_group.app.id
  description                  = "Prometheus scrapes /actuator/prometheus"
  ip_protocol                  = "tcp"
  from_port                    = var.service_port
  to_port                      = var.service_port
  referenced_security_group_id = aws_security_group.monitoring.id

  tags = local.tags
}

# ---------------------------------------------------------------- RabbitMQ

resource "aws_vpc_security_group_ingress_rule" "rabbitmq_amqp_from_app" {
  security_group_id            = aws_security_group.rabbitmq.id
  description                  = "AMQP from the services"
  ip_protocol                  = "tcp"
  from_port                    = 5672
  to_port                      = 5672
  referenced_security_group_id = aws_security_group.app.id

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "rabbitmq_epmd_from_peers" {
  security_group_id            = aws_security_group.rabbitmq.id
  description                  = "epmd (peer discovery) between cluster nodes"
  ip_protocol                  = "tcp"
  from_port                    = 4369
  to_port                      = 4369
  referenced_security_group_id = aws_security_group.rabbitmq.id

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "rabbitmq_dist_from_peers" {
  security_group_id            = aws_security_group.rabbitmq.id
  description                  = "Erlang distribution between cluster nodes"
  ip_protocol                  = "tcp"
  from_port                    = 25672
  to_port                      = 25672
  referenced_security_group_id = aws_security_group.rabbitmq.id

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "rabbitmq_cli_from_peers" {
  security_group_id            = aws_security_group.rabbitmq.id
  description                  = "CLI tools (rabbitmqctl) between cluster nodes"
  ip_protocol                  = "tcp"
  from_port                    = 35672
  to_port                      = 35682
  referenced_security_group_id = aws_security_group.rabbitmq.id

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "rabbitmq_metrics_from_monitoring" {
  security_group_id            = aws_security_group.rabbitmq.id
  description                  = "Prometheus scrapes the rabbitmq_prometheus plugin"
  ip_protocol                  = "tcp"
  from_port                    = 15692
  to_port                      = 15692
  referenced_security_group_id = aws_security_group.monitoring.id

  tags = local.tags
}

# ---------------------------------------------------------------- Redis

resource "aws_vpc_security_group_ingress_rule" "redis_from_app" {
  security_group_id            = aws_security_group.redis.id
  description                  = "Redis clients: the services"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.app.id

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "redis_replication" {
  security_group_id            = aws_security_group.redis.id
  description                  = "The replica replicates from the primary"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.redis.id

  tags = local.tags
}

# ---------------------------------------------------------------- Cassandra

resource "aws_vpc_security_group_ingress_rule" "cassandra_cql_from_app" {
  security_group_id            = aws_security_group.cassandra.id
  description                  = "CQL native protocol from the services"
  ip_protocol                  = "tcp"
  from_port                    = 9042
  to_port                      = 9042
  referenced_security_group_id = aws_security_group.app.id

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "cassandra_internode" {
  security_group_id            = aws_security_group.cassandra.id
  description                  = "Gossip and streaming between Cassandra nodes"
  ip_protocol                  = "tcp"
  from_port                    = 7000
  to_port                      = 7000
  referenced_security_group_id = aws_security_group.cassandra.id

  tags = local.tags
}

# ---------------------------------------------------------------- egress of every instance

locals {
  instance_security_groups = {
    app        = aws_security_group.app.id
    gateway    = aws_security_group.gateway.id
    rabbitmq   = aws_security_group.rabbitmq.id
    redis      = aws_security_group.redis.id
    cassandra  = aws_security_group.cassandra.id
    monitoring = aws_security_group.monitoring.id
  }
}

resource "aws_vpc_security_group_egress_rule" "https_out" {
  for_each = local.instance_security_groups

  security_group_id = each.value
  description       = "HTTPS out through NAT: package repositories, image registries, S3, SSM and EC2 APIs"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "vpc_out" {
  for_each = local.instance_security_groups

  security_group_id = each.value
  description       = "Anything inside the VPC; the receiving security group decides what it accepts"
  ip_protocol       = "-1"
  cidr_ipv4         = var.vpc_cidr_block

  tags = local.tags
}
