variable "name" {
  type        = string
  description = "Name of this fleet, e.g. \"chat-prod-cassandra\"; instances are named <name>-<n>."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,50}$", var.name))
    error_message = "The name must be 2-51 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "role" {
  type        = string
  description = "What the instances run (chat-gateway, delivery-router, persistence-consumer, presence-service, rabbitmq, redis, cassandra, monitoring): the ChatRole tag, which Prometheus discovery and operators filter on."

  validation {
    condition     = contains(["chat-gateway", "delivery-router", "persistence-consumer", "presence-service", "rabbitmq", "redis", "cassandra", "monitoring"], var.role)
    error_message = "Unknown role."
  }
}

variable "instance_count" {
  type        = number
  description = "Number of instances, spread round-robin over subnet_ids (instance n in subnet n mod length)."

  validation {
    condition     = var.instance_count >= 0 && var.instance_count <= 50 && floor(var.instance_count) == var.instance_count
    error_message = "The instance count must be a whole number between 0 and 50."
  }
}

variable "instance_type" {
  type        = string
  description = "EC2 instance type."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.instance_type))
    error_message = "An instance type looks like c6i.large."
  }
}

variable "ami_id" {
  type        = string
  description = "AMI of the instances (Amazon Linux 2023: the user data uses dnf, systemd and the preinstalled AWS CLI)."

  validation {
    condition     = can(regex("^ami-[0-9a-f]+$", var.ami_id))
    error_message = "An AMI ID looks like ami-0123456789abcdef0."
  }
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets to place the instances in, in availability-zone order."

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "Give at least one subnet."
  }
}

variable "private_ips" {
  type        = list(string)
  description = "Fixed private addresses, one per instance in order (from the subnets' reserved blocks); empty lets EC2 choose."
  default     = []

  validation {
    condition     = alltrue([for ip in var.private_ips : can(cidrhost("${ip}/32", 0))])
    error_message = "Every fixed address must be an IPv4 address."
  }
}

variable "security_group_ids" {
  type        = list(string)
  description = "Security groups of the instances."

  validation {
    condition     = length(var.security_group_ids) > 0
    error_message = "Give the instances at least one security group."
  }
}

variable "iam_instance_profile_name" {
  type        = string
  description = "Instance profile (this role's least-privilege IAM role)."
}

variable "user_data" {
  type        = string
  description = "Boot script (rendered by the user-data module). The same for every instance; per-instance identity comes from instance_tags, read through IMDSv2."

  validation {
    condition     = length(var.user_data) > 0 && length(var.user_data) <= 16384
    error_message = "EC2 user data must be 1-16384 bytes."
  }
}

variable "instance_tags" {
  type        = list(map(string))
  description = "Extra tags per instance (same order as the instances), e.g. ChatInstanceId and ChatWorkerId; the boot script reads them from instance metadata."
  default     = []
}

variable "root_volume_size" {
  type        = number
  description = "Size of the encrypted gp3 root volume, GiB (data stores keep their data on it)."
  default     = 20

  validation {
    condition     = var.root_volume_size >= 8 && var.root_volume_size <= 16384
    error_message = "The root volume must be 8-16384 GiB."
  }
}

variable "root_volume_iops" {
  type        = number
  description = "Provisioned IOPS of the gp3 root volume (3000 are included in the price)."
  default     = 3000

  validation {
    condition     = var.root_volume_iops >= 3000 && var.root_volume_iops <= 16000
    error_message = "gp3 volumes take 3000-16000 IOPS."
  }
}

variable "root_volume_throughput" {
  type        = number
  description = "Provisioned throughput of the gp3 root volume, MiB/s (125 are included in the price)."
  default     = 125

  validation {
    condition     = var.root_volume_throughput >= 125 && var.root_volume_throughput <= 1000
    error_message = "gp3 volumes take 125-1000 MiB/s."
  }
}

variable "ebs_kms_key_arn" {
  type        = string
  description = "Customer managed KMS key for the EBS volumes; null uses the account's default EBS key. Volumes are encrypted either way."
  default     = null

  validation {
    condition     = var.ebs_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.ebs_kms_key_arn))
    error_message = "The EBS key must be a KMS key ARN."
  }
}

variable "detailed_monitoring" {
  type        = bool
  description = "One-minute CloudWatch metrics (extra cost)."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags merged into every resource of this module (and the instances and volumes it launches)."
  default     = {}
}
