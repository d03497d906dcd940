output "alb_arn" {
  description = "ARN of the load balancer."
  value       = aws_lb.this.arn
}

output "alb_dns_name" {
  description = "DNS name AWS gave the load balancer (point domain_name at it if no Route 53 record is managed here)."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "Hosted zone of the load balancer's DNS name, for alias records."
  value       = aws_lb.this.zone_id
}

output "target_group_arn" {
  description = "ARN of the gateways' target group (aws elbv2 describe-target-health --target-group-arn ...)."
  value       = aws_lb_target_group.gateways.arn
}

output "https_listener_arn" {
  description = "ARN of the HTTPS listener."
  value       = aws_lb_listener.https.arn
}

output "public_host" {
  description = "Host clients use: domain_name when given, else the ALB DNS name."
  value       = coalesce(var.domain_name, aws_lb.this.dns_name)
}

output "public_url" {
  description = "Base URL of the system (REST under /api, STOMP WebSocket at /ws)."
  value       = "https://${coalesce(var.domain_name, aws_lb.this.dns_name)}"
}
