output "java_services" {
  description = "Boot script of each Spring Boot service, by service name."
  value       = local.java_services
}

output "rabbitmq" {
  description = "Boot script of the RabbitMQ nodes."
  value       = local.rabbitmq
}

output "redis" {
  description = "Boot script of the Redis primary and replica (the ChatRedisRole tag tells them apart)."
  value       = local.redis
}

output "cassandra" {
  description = "Boot script of the Cassandra nodes."
  value       = local.cassandra
}

output "monitoring" {
  description = "Boot script of the Prometheus + Grafana instance."
  value       = local.monitoring
}
