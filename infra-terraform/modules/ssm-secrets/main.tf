data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  tags = merge(var.tags, { Module = "ssm-secrets" })

  # Alphanumeric only: the values go into systemd environment files and rabbitmq.conf unquoted.
  secrets = {
    "jwt-secret" = {
      length      = 64
      description = "HS256 key the gateways sign and verify JWTs with (CHAT_AUTH_JWT_SECRET)"
    }
    "rabbitmq-password" = {
      length      = 32
      description = "Password of the RabbitMQ user the services connect as (SPRING_RABBITMQ_PASSWORD)"
    }
    "rabbitmq-erlang-cookie" = {
      length      = 48
      description = "Erlang cookie shared by the RabbitMQ cluster nodes"
    }
    "grafana-admin-password" = {
      length      = 24
      description = "Password of the Grafana admin user"
    }
  }

  # zipmap + list comprehension rather than a map comprehension: same result, and hcl4j (the policy
  # tests' parser) reads it.
  parameter_names = zipmap(keys(local.secrets), [for key in keys(local.secrets) : "${var.parameter_prefix}/${key}"])
  parameter_arns  = zipmap(keys(local.secrets), [for key in keys(local.secrets) : "arn:${data.aws_partition.current.partition}:ssm:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:parameter${var.parameter_prefix}/${key}"])
}

resource "random_password" "this" {
  for_each = var.create_parameters ? local.secrets : {}

  length  = each.value.length
  special = false
}

resource "aws_ssm_parameter" "this" {
  for_each = var.create_parameters ? local.secrets : {}

  name        = local.parameter_names[each.key]
  description = each.value.description
  type        = "SecureString"
  key_id      = var.kms_key_id
  value       = random_password.this[each.key].result

  tags = merge(local.tags, { Name = local.parameter_names[each.key] })
}
