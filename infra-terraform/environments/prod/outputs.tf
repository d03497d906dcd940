output "public_url" {
  description = "Base URL of the system: REST under /api, STOMP over WebSocket at /ws (wss://)."
  value       = module.alb.public_url
}

output "websocket_url" {
  description = "STOMP endpoint for clients."
  value       = "wss://${module.alb.public_host}/ws"
}

output "alb_dns_name" {
  description = "DNS name of the ALB (the CNAME/alias target of domain_name)."
  value       = module.alb.alb_dns_name
}

output "health_check_url" {
  description = "Readiness of one gateway, through the ALB (when expose_health_probes is on)."
  value       = "${module.alb.public_url}/actuator/health/readiness"
}

output "target_group_arn" {
  description = "Target group of the gateways: aws elbv2 describe-target-health --target-group-arn <this>."
  value       = module.alb.target_group_arn
}

output "gatling_base_url" {
  description = "What Gatling targets: pass it as -Dbase.url."
  value       = module.alb.public_url
}

output "gatling_command" {
  description = "Gatling run against this deployment, from the repository root (pick the simulation class of loadtest-gatling)."
  value       = "./mvnw -pl loadtest-gatling gatling:test -Dgatling.simulationClass=<SimulationClass> -Dbase.url=${module.alb.public_url}"
}

output "private_ips" {
  description = "Private addresses of every instance, by role."
  value = merge(
    { for service, fleet in module.java_service : service => fleet.private_ips },
    {
      rabbitmq   = module.rabbitmq.private_ips
      redis      = module.redis.private_ips
      cassandra  = module.cassandra.private_ips
      monitoring = module.monitoring.private_ips
    }
  )
}

output "instance_ids" {
  description = "Instance IDs by role (for aws ssm start-session --target ...)."
  value = merge(
    { for service, fleet in module.java_service : service => fleet.instance_ids },
    {
      rabbitmq   = module.rabbitmq.instance_ids
      redis      = module.redis.instance_ids
      cassandra  = module.cassandra.instance_ids
      monitoring = module.monitoring.instance_ids
    }
  )
}

output "grafana_port_forward_command" {
  description = "Opens Grafana on http://localhost:3000 through SSM (user admin, password in SSM at grafana-admin-password)."
  value       = "aws ssm start-session --region ${var.region} --target ${module.monitoring.instance_ids[0]} --document-name AWS-StartPortForwardingSession --parameters portNumber=3000,localPortNumber=3000"
}

output "prometheus_port_forward_command" {
  description = "Opens Prometheus on http://localhost:9090 through SSM."
  value       = "aws ssm start-session --region ${var.region} --target ${module.monitoring.instance_ids[0]} --document-name AWS-StartPortForwardingSession --parameters portNumber=9090,localPortNumber=9090"
}

output "secret_parameters" {
  description = "SSM parameter names of the secrets (values never leave Parameter Store except into the instances that need them)."
  value       = module.secrets.parameter_names
}

output "put_parameter_commands" {
  description = "With create_secrets = false: the commands that create the secrets before apply."
  value       = module.secrets.put_parameter_commands
}

output "nat_public_ips" {
  description = "Outbound address(es) of the fleet."
  value       = module.network.nat_public_ips
}

output "cassandra_replication" {
  description = "Replication the services create the chat keyspace with (CHAT_CASSANDRA_REPLICATION)."
  value       = local.service_environment.CHAT_CASSANDRA_REPLICATION
}
