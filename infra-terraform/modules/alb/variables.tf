variable "name" {
  type        = string
  description = "Name of the load balancer and prefix of its target group (at most 28 characters: the target group name adds \"-gw\")."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,27}$", var.name))
    error_message = "The name must be 2-28 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC of the target group."

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "The VPC ID looks like vpc-0123456789abcdef0."
  }
}

variable "subnet_ids" {
  type        = list(string)
  description = "Public subnets, in at least two availability zones."

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "An Application Load Balancer needs subnets in at least two availability zones."
  }
}

variable "security_group_ids" {
  type        = list(string)
  description = "Security groups of the load balancer (the ALB group of the security-groups module)."

  validation {
    condition     = length(var.security_group_ids) > 0
    error_message = "Give the load balancer its security group."
  }
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate of the HTTPS listener; it must cover domain_name (or clients will reject the ALB's own DNS name)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$", var.certificate_arn))
    error_message = "The certificate must be an ACM certificate ARN, e.g. arn:aws:acm:us-east-1:123456789012:certificate/0e1b...."
  }
}

variable "ssl_policy" {
  type        = string
  description = "TLS policy of the HTTPS listener."
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  validation {
    condition     = startswith(var.ssl_policy, "ELBSecurityPolicy-")
    error_message = "Use one of the ELBSecurityPolicy-* predefined policies."
  }
}

variable "target_port" {
  type        = number
  description = "Port of the gateways on the instances (REST, STOMP over WebSocket and actuator)."
  default     = 8080

  validation {
    condition     = var.target_port >= 1 && var.target_port <= 65535
    error_message = "The target port must be a TCP port."
  }
}

variable "targets" {
  type        = map(string)
  description = "Gateway instances to register, instance name => instance ID (e.g. gw-1 => i-0abc...)."

  validation {
    condition     = length(var.targets) > 0
    error_message = "Register at least one gateway."
  }
}

variable "health_check_path" {
  type        = string
  description = "Health check path: Spring Boot's readiness group, which turns DOWN while a gateway drains on shutdown."
  default     = "/actuator/health/readiness"

  validation {
    condition     = startswith(var.health_check_path, "/actuator/health")
    error_message = "Health checks must use a Spring Boot actuator health endpoint."
  }
}

variable "idle_timeout" {
  type        = number
  description = "Seconds a connection may stay silent before the ALB closes it. STOMP heart-beats every 10 s keep WebSockets busy; leave a wide margin (default 120)."
  default     = 120

  validation {
    condition     = var.idle_timeout >= 30 && var.idle_timeout <= 4000
    error_message = "The idle timeout must be 30-4000 s: at least three 10 s STOMP heart-beat intervals, or idle WebSockets are cut."
  }
}

variable "deregistration_delay" {
  type        = number
  description = "Seconds the ALB keeps a deregistering gateway's connections while the gateway drains (keep it under the gateway's graceful shutdown timeout)."
  default     = 30

  validation {
    condition     = var.deregistration_delay >= 0 && var.deregistration_delay <= 300
    error_message = "Keep the deregistration delay between 0 and 300 s; short is the point."
  }
}

variable "stickiness_enabled" {
  type        = bool
  description = "Load-balancer cookie stickiness. Not required (any gateway serves any user); it only keeps a client's REST calls on its WebSocket's gateway."
  default     = false
}

variable "stickiness_duration" {
  type        = number
  description = "Lifetime of the stickiness cookie, seconds."
  default     = 3600

  validation {
    condition     = var.stickiness_duration >= 1 && var.stickiness_duration <= 604800
    error_message = "The cookie duration must be between 1 second and 7 days."
  }
}

variable "expose_health_probes" {
  type        = bool
  description = "Route /actuator/health/readiness and /actuator/health/liveness through the ALB so operators can check health from outside. Every other /actuator path answers 404."
  default     = true
}

variable "enable_deletion_protection" {
  type        = bool
  description = "Refuse to delete the load balancer (turn off before terraform destroy)."
  default     = false
}

variable "domain_name" {
  type        = string
  description = "DNS name clients use (covered by the certificate), e.g. chat.example.com; null uses the ALB's own DNS name in the outputs."
  default     = null

  validation {
    condition     = var.domain_name == null || can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", var.domain_name))
    error_message = "The domain name must be a lowercase DNS name such as chat.example.com."
  }
}

variable "route53_zone_id" {
  type        = string
  description = "Hosted zone in which to create an alias record domain_name -> ALB; null creates no record (point your DNS at alb_dns_name yourself)."
  default     = null

  validation {
    condition     = var.route53_zone_id == null || can(regex("^Z[A-Z0-9]+$", var.route53_zone_id))
    error_message = "A hosted zone ID looks like Z0123456789ABCDEFGHIJ."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags merged into every resource of this module."
  default     = {}
}
