output "parameter_names" {
  description = "SSM parameter name of each secret, keyed jwt-secret, rabbitmq-password, rabbitmq-erlang-cookie, grafana-admin-password."
  value       = local.parameter_names
}

output "parameter_arns" {
  description = "SSM parameter ARN of each secret (same keys as parameter_names), for least-privilege IAM policies."
  value       = local.parameter_arns
}

output "managed_by_terraform" {
  description = "Whether Terraform generated the values (true) or expects them to exist already (false)."
  value       = var.create_parameters
}

output "put_parameter_commands" {
  description = "Commands that create the parameters by hand when create_parameters is false (each generates a random value locally)."
  value       = [for key, name in local.parameter_names : "aws ssm put-parameter --type SecureString --name ${name} --value \"$(openssl rand -hex ${local.secrets[key].length / 2})\""]
}
