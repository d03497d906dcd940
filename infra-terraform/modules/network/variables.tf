variable "name" {
  type        = string
  description = "Prefix of every resource name, e.g. \"chat-prod\"."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name))
    error_message = "The name must be 2-31 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR of the VPC, a /16: each subnet is a /24 (public subnets x.y.0-5.0, private subnets x.y.10-15.0)."
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && can(regex("^10\\.|^172\\.(1[6-9]|2[0-9]|3[01])\\.|^192\\.168\\.", var.vpc_cidr)) && endswith(var.vpc_cidr, "/16")
    error_message = "The VPC CIDR must be a private (RFC 1918) IPv4 /16, e.g. 10.40.0.0/16."
  }
}

variable "az_count" {
  type        = number
  description = "Number of availability zones to span (public + private subnet in each). Cassandra places one node per zone, so 3 for a three-node cluster."
  default     = 3

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 6 && floor(var.az_count) == var.az_count
    error_message = "Use between 2 and 6 availability zones: an ALB needs at least two."
  }
}

variable "availability_zones" {
  type        = list(string)
  description = "Explicit availability zone names; empty picks the first az_count zones of the region."
  default     = []

  validation {
    condition     = length(var.availability_zones) == 0 || length(var.availability_zones) >= 2
    error_message = "Give at least two availability zones, or none to let the module choose."
  }
}

variable "single_nat_gateway" {
  type        = bool
  description = "One NAT gateway for all private subnets (cheaper; outbound internet stops if its zone fails) instead of one per zone. Outbound traffic is only package installs, image pulls and AWS APIs."
  default     = true
}

variable "static_ip_block_newbits" {
  type        = number
  description = "Size of the explicit CIDR reservation near the end of each private subnet, in bits added to the subnet prefix (4 on a /24 reserves a /28). Data stores take fixed addresses from it; EC2 never assigns them to other instances."
  default     = 4

  validation {
    condition     = var.static_ip_block_newbits >= 2 && var.static_ip_block_newbits <= 6
    error_message = "The reservation must leave room for at least 2 and at most 62 addresses: newbits between 2 and 6."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags merged into every resource of this module."
  default     = {}
}
