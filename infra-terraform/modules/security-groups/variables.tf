variable "name" {
  type        = string
  description = "Prefix of every security group name, e.g. \"chat-prod\"."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name))
    error_message = "The name must be 2-31 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC the security groups belong to."

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "The VPC ID looks like vpc-0123456789abcdef0."
  }
}

variable "vpc_cidr_block" {
  type        = string
  description = "IPv4 CIDR of the VPC: instances may open connections to any address inside it (each receiving side decides what it accepts)."

  validation {
    condition     = can(cidrhost(var.vpc_cidr_block, 0))
    error_message = "The VPC CIDR must be a valid IPv4 CIDR block."
  }
}

variable "service_port" {
  type        = number
  description = "Port every Spring Boot service listens on (REST, STOMP, actuator)."
  default     = 8080

  validation {
    condition     = var.service_port >= 1024 && var.service_port <= 65535 && !contains([9042, 7000, 6379, 5672, 25672, 4369, 15672], var.service_port)
    error_message = "The service port must be an unprivileged port that no data store uses."
  }
}

variable "alb_ingress_cidr_blocks" {
  type        = list(string)
  description = "IPv4 ranges allowed to reach the load balancer on 80/443. The internet by default; narrow it for a private test."
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.alb_ingress_cidr_blocks) > 0 && alltrue([for cidr in var.alb_ingress_cidr_blocks : can(cidrhost(cidr, 0))])
    error_message = "Give at least one valid IPv4 CIDR block."
  }
}

variable "alb_ingress_ipv6_cidr_blocks" {
  type        = list(string)
  description = "IPv6 ranges allowed to reach the load balancer on 80/443 (only useful with a dual-stack load balancer)."
  default     = []

  validation {
    condition     = alltrue([for cidr in var.alb_ingress_ipv6_cidr_blocks : can(cidrhost(cidr, 0))])
    error_message = "Every entry must be a valid IPv6 CIDR block."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags merged into every resource of this module."
  default     = {}
}
