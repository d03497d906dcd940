output "alb_security_group_id" {
  description = "Security group of the Application Load Balancer (the only one reachable from outside the VPC)."
  value       = aws_security_group.alb.id
}

output "app_security_group_id" {
  description = "Security group of every chat service instance (the data stores accept clients from it)."
  value       = aws_security_group.app.id
}

output "gateway_security_group_id" {
  description = "Additional security group of the gateway instances (the service port from the ALB)."
  value       = aws_security_group.gateway.id
}

output "rabbitmq_security_group_id" {
  description = "Security group of the RabbitMQ nodes."
  value       = aws_security_group.rabbitmq.id
}

output "redis_security_group_id" {
  description = "Security group of the Redis primary and replica."
  value       = aws_security_group.redis.id
}

output "cassandra_security_group_id" {
  description = "Security group of the Cassandra nodes."
  value       = aws_security_group.cassandra.id
}

output "monitoring_security_group_id" {
  description = "Security group of the Prometheus + Grafana instance."
  value       = aws_security_group.monitoring.id
}
